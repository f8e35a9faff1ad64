using System.IO.Compression;

namespace CompetitionHub.Web.Features.Registration;

public enum DetectedFormat { Unknown, Pdf, Png, Jpeg, Pptx }

/// <summary>
/// Tells what a file is from its bytes, never from its name or the browser's content type: a text file renamed to
/// .pdf stays unknown, and a ZIP counts as a presentation only if it has the parts every PPTX has.
/// </summary>
public static class MaterialContent
{
    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];

    /// <param name="file">A seekable stream positioned anywhere; it is read from the start.</param>
    public static DetectedFormat Detect(Stream file)
    {
        file.Position = 0;
        Span<byte> head = stackalloc byte[8];
        var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];
        if (head.StartsWith(PdfMagic)) return DetectedFormat.Pdf;
        if (head.StartsWith(PngMagic)) return DetectedFormat.Png;
        if (head.StartsWith(JpegMagic)) return DetectedFormat.Jpeg;
        if (head.StartsWith(ZipMagic)) return IsPresentation(file) ? DetectedFormat.Pptx : DetectedFormat.Unknown;
        return DetectedFormat.Unknown;
    }

    public static bool Accepts(MaterialKind kind, DetectedFormat format) => kind switch
    {
        MaterialKind.PitchDeck => format is DetectedFormat.Pdf or DetectedFormat.Pptx,
        MaterialKind.Image => format is DetectedFormat.Jpeg or DetectedFormat.Png,
        _ => format is DetectedFormat.Pdf,
    };

    /// <summary>The content type the download is served with: decided here, not taken from the upload.</summary>
    public static string ContentType(DetectedFormat format) => format switch
    {
        DetectedFormat.Pdf => "application/pdf",
        DetectedFormat.Png => "image/png",
        DetectedFormat.Jpeg => "image/jpeg",
        DetectedFormat.Pptx => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _ => "application/octet-stream",
    };

    public static string Extension(DetectedFormat format) => format switch
    {
        DetectedFormat.Pdf => ".pdf",
        DetectedFormat.Png => ".png",
        DetectedFormat.Jpeg => ".jpg",
        DetectedFormat.Pptx => ".pptx",
        _ => "",
    };

    // Only the central directory is read, nothing is decompressed: a ZIP bomb costs nothing here.
    private static bool IsPresentation(Stream file)
    {
        file.Position = 0;
        try
        {
            using var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
            var hasTypes = false;
            var hasPpt = false;
            foreach (var entry in zip.Entries)
            {
                hasTypes |= entry.FullName == "[Content_Types].xml";
                hasPpt |= entry.FullName.StartsWith("ppt/", StringComparison.Ordinal);
            }
            return hasTypes && hasPpt;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>The person's file name, made safe to show and to send back in Content-Disposition.</summary>
    public static string DisplayName(string? uploaded, DetectedFormat format)
    {
        var name = Path.GetFileName((uploaded ?? "").Replace('\\', '/'));
        var invalid = Path.GetInvalidFileNameChars();
        name = new string([.. name.Where(c => !char.IsControl(c) && !invalid.Contains(c) && c is not ('"' or '<' or '>'))]).Trim().Trim('.');
        if (name.Length == 0) name = "file" + Extension(format);
        if (name.Length > 200)
        {
            var ext = Path.GetExtension(name);
            name = name[..(200 - Math.Min(ext.Length, 20))] + (ext.Length <= 20 ? ext : "");
        }
        return name;
    }
}
