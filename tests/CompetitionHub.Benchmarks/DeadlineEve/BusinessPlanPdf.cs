using System.Globalization;
using System.Text;

namespace CompetitionHub.Benchmarks.DeadlineEve;

/// <summary>
/// A one-page PDF as a contestant's business plan might be: a title line and a scanned picture (uncompressed RGB, so its
/// size is what it says), with a correct cross-reference table, so any reader opens it. Every contestant's picture is
/// different, so a stored file can be told apart from everyone else's by its SHA-256.
/// </summary>
public static class BusinessPlanPdf
{
    /// <summary>The picture's size: 480 × 400 RGB is 576,000 bytes, a file of about 563 KB.</summary>
    private const int Width = 480;
    private const int Height = 400;

    public static byte[] For(int contestant)
    {
        var picture = new byte[Width * Height * 3];
        new Random(contestant).NextBytes(picture);
        var title = string.Create(CultureInfo.InvariantCulture, $"Business plan of contestant {contestant}");
        var content = Encoding.ASCII.GetBytes($"BT /F1 18 Tf 48 780 Td ({title}) Tj ET\nq 480 0 0 400 58 340 cm /Im1 Do Q\n");

        using var pdf = new MemoryStream();
        var offsets = new List<long>();
        void Write(string text) => pdf.Write(Encoding.ASCII.GetBytes(text));
        void Object(string dictionary, byte[]? stream = null)
        {
            offsets.Add(pdf.Position);
            Write($"{offsets.Count} 0 obj\n{dictionary}\n");
            if (stream is not null)
            {
                Write("stream\n");
                pdf.Write(stream);
                Write("\nendstream\n");
            }
            Write("endobj\n");
        }

        Write("%PDF-1.7\n");
        // A comment of bytes above 127 on the second line tells transfer tools that the file is binary.
        pdf.Write([(byte)'%', 0xE2, 0xE3, 0xCF, 0xD3, (byte)'\n']);
        Object("<< /Type /Catalog /Pages 2 0 R >>");
        Object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        Object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> /XObject << /Im1 5 0 R >> >> /Contents 6 0 R >>");
        Object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        Object($"<< /Type /XObject /Subtype /Image /Width {Width} /Height {Height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length {picture.Length} >>", picture);
        Object($"<< /Length {content.Length} >>", content);
        var xref = pdf.Position;
        Write($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
            Write(string.Create(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n"));
        Write($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();
    }
}
