using System.IO.Compression;
using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Infrastructure;

/// <summary>What an uploaded file is, as told by its bytes. <see cref="Csv"/> is any text without NUL bytes: all a CSV file can be told by.</summary>
public enum FileFormat { Unknown, Pdf, Png, Jpeg, Pptx, Xlsx, Csv }

/// <summary>
/// Tells what a file is from its bytes, never from its name or the browser's content type: a text file renamed to
/// .pdf is text, and a ZIP counts as a presentation or a workbook only if it has the parts every PPTX or XLSX has.
/// Also the one place that knows each format's content type, extension and name.
/// </summary>
public static class FileFormats
{
    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];

    /// <param name="file">A seekable stream positioned anywhere; it is read from the start.</param>
    public static FileFormat Detect(Stream file)
    {
        file.Position = 0;
        Span<byte> head = stackalloc byte[8];
        var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];
        if (head.StartsWith(PdfMagic)) return FileFormat.Pdf;
        if (head.StartsWith(PngMagic)) return FileFormat.Png;
        if (head.StartsWith(JpegMagic)) return FileFormat.Jpeg;
        if (head.StartsWith(ZipMagic)) return OfficeFormat(file);
        return IsText(file) ? FileFormat.Csv : FileFormat.Unknown;
    }

    /// <summary>The content type a stored file is served with: decided here, never taken from the upload.</summary>
    public static string ContentType(FileFormat format) => format switch
    {
        FileFormat.Pdf => "application/pdf",
        FileFormat.Png => "image/png",
        FileFormat.Jpeg => "image/jpeg",
        FileFormat.Pptx => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        FileFormat.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        FileFormat.Csv => "text/csv",
        _ => "application/octet-stream",
    };

    public static string Extension(FileFormat format) => format switch
    {
        FileFormat.Pdf => ".pdf",
        FileFormat.Png => ".png",
        FileFormat.Jpeg => ".jpg",
        FileFormat.Pptx => ".pptx",
        FileFormat.Xlsx => ".xlsx",
        FileFormat.Csv => ".csv",
        _ => "",
    };

    /// <summary>The formats as a person reads them: "PDF、JPEG 或 PNG" / "PDF, JPEG or PNG".</summary>
    public static string Names(IReadOnlyList<FileFormat> formats, IStringLocalizer t)
    {
        var names = formats.Select(f => f.ToString().ToUpperInvariant()).ToList();
        return names.Count == 1 ? names[0] : t["{0} 或 {1}", string.Join(t["、"], names.Take(names.Count - 1)), names[^1]];
    }

    /// <summary>The accept attribute of a file input: the extensions and content types of the formats.</summary>
    public static string Accept(IReadOnlyList<FileFormat> formats) =>
        string.Join(',', formats.Select(Extension).Concat(formats.Contains(FileFormat.Jpeg) ? [".jpeg"] : []).Concat(formats.Select(ContentType)));

    // Only the central directory is read, nothing is decompressed: a ZIP bomb costs nothing here.
    private static FileFormat OfficeFormat(Stream file)
    {
        file.Position = 0;
        try
        {
            using var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
            var hasTypes = false;
            var hasPpt = false;
            var hasXl = false;
            foreach (var entry in zip.Entries)
            {
                hasTypes |= entry.FullName == "[Content_Types].xml";
                hasPpt |= entry.FullName.StartsWith("ppt/", StringComparison.Ordinal);
                hasXl |= entry.FullName.StartsWith("xl/", StringComparison.Ordinal);
            }
            return !hasTypes ? FileFormat.Unknown : hasPpt ? FileFormat.Pptx : hasXl ? FileFormat.Xlsx : FileFormat.Unknown;
        }
        catch (InvalidDataException)
        {
            return FileFormat.Unknown;
        }
    }

    // A NUL byte is what sets binary files (and UTF-16 text) apart from text in an 8-bit encoding; what encoding that is
    // is for the reader to decide.
    private static bool IsText(Stream file)
    {
        file.Position = 0;
        var buffer = new byte[81920];
        int read;
        while ((read = file.Read(buffer)) > 0)
            if (buffer.AsSpan(0, read).Contains((byte)0)) return false;
        return true;
    }
}
