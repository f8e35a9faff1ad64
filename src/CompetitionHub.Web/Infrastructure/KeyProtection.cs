using System.Security.Cryptography;
using CompetitionHub.Web.Data;
using System.Security.Cryptography.X509Certificates;

namespace CompetitionHub.Web.Infrastructure;

/// <summary>
/// The certificate that encrypts the Data Protection keys where they are stored (the database), so a copy of the
/// database alone cannot forge sign-in cookies or read protected data. DataProtection:CertificatePath names a .pfx
/// (relative to the data folder; default <see cref="DefaultFile"/> there) and DataProtection:CertificatePassword its
/// password. When the file is missing a self-signed one is created there, so a first start and Development need nothing;
/// several instances must be given the same file, or none can read the keys the others wrote.
/// </summary>
/// <summary>The certificate that encrypts the stored keys (config section "DataProtection"), see <see cref="KeyProtection"/>.</summary>
public sealed class KeyProtectionOptions : ISettings
{
    public static string Section => "DataProtection";

    public string? CertificatePath { get; set; }
    public string? CertificatePassword { get; set; }
}

public static class KeyProtection
{
    public const string DefaultFile = "dataprotection-keys.pfx";

    public static X509Certificate2 LoadOrCreate(IConfiguration configuration, IHostEnvironment environment)
    {
        var storage = configuration.Settings<StorageOptions>();
        var options = configuration.Settings<KeyProtectionOptions>();
        var dataFolder = Path.GetFullPath(storage.DataPath is { Length: > 0 } d ? d : "data", environment.ContentRootPath);
        var path = Path.GetFullPath(options.CertificatePath is { Length: > 0 } p ? p : DefaultFile, dataFolder);
        var password = options.CertificatePassword;
        if (!File.Exists(path)) Create(path, password);
        return X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
    }

    private static void Create(string path, string? password)
    {
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=CompetitionHub Data Protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(100));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written aside and moved in: instances starting at once on one folder all end up with the first one's file.
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temp, certificate.Export(X509ContentType.Pfx, password));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
        }
    }
}
