using QRCoder;

namespace CompetitionHub.Web.Infrastructure;

/// <summary>QR codes as PNG images, for pages and for emails (where an image must be a real attachment, not a script).</summary>
public static class QrCodes
{
    /// <summary>Medium error correction: still reads off a scratched or dimmed phone screen at the door.</summary>
    public static byte[] Png(string text, int pixelsPerModule = 8)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule);
    }
}
