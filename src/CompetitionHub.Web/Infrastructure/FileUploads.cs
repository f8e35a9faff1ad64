using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using CompetitionHub.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CompetitionHub.Web.Infrastructure;

/// <summary>
/// What one upload path takes: what the file is called in messages (already localized), the formats its content may be,
/// and its size limit (<see cref="UploadOptions.MaxBytes"/> unless given).
/// </summary>
public sealed record UploadRule(string What, IReadOnlyList<FileFormat> Accepts, long? MaxBytes = null);

/// <summary>A checked file kept in the uploads folder under <see cref="StoredName"/>, with the name it is offered under.</summary>
public sealed record StoredUpload(string StoredName, string FileName, FileFormat Format, long SizeBytes, string Sha256)
{
    public string ContentType => FileFormats.ContentType(Format);
}

/// <summary>A checked file read into memory, for imports that use its content and keep nothing.</summary>
public sealed record ReadUpload(string FileName, FileFormat Format, byte[] Content);

public sealed record UploadResult<T>(T? File, string? Error) where T : class
{
    [MemberNotNullWhen(true, nameof(File))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => File is not null;
}

/// <summary>
/// The one way an uploaded file comes in, whatever it is for (entry materials, objection evidence, imports): refused
/// with the same words when it is missing, empty, too large or named with a NUL; told by its content, never by its name
/// or the browser's content type; and named after what it is (<see cref="FileNames"/>). Kept files live outside wwwroot
/// under a generated name and go out only through <see cref="Download"/>. This is the only code that touches the
/// uploads folder (Storage:UploadsPath), which several instances may share.
/// </summary>
public sealed class FileUploads(DataPaths paths, IOptions<UploadOptions> options, IStringLocalizer<SharedResource> t, ILogger<FileUploads> logger)
{
    /// <summary>Checks the file and keeps it; on refusal nothing is kept. The caller records it, or calls <see cref="Delete"/>.</summary>
    public async Task<UploadResult<StoredUpload>> StoreAsync(IFormFile? file, UploadRule rule, CancellationToken ct)
    {
        if (file is null) return new(null, NoFile(rule));
        if (Refusal(file, rule) is { } refused) return new(null, refused);

        // The folder exists since the start (UploadsFolderCheck); a share gone since then fails here rather than
        // being replaced by a folder on this machine's disk.
        var storedName = Guid.NewGuid().ToString("N");
        var path = Path.Combine(paths.Uploads, storedName);
        // Written under a name no download asks for, then renamed: an instance reading the shared folder meanwhile finds
        // the whole file or none.
        var partial = path + ".partial";
        try
        {
            FileFormat format;
            string sha256;
            await using (var target = new FileStream(partial, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, useAsync: true))
            {
                await using (var source = file.OpenReadStream())
                    await source.CopyToAsync(target, ct);
                format = FileFormats.Detect(target);
                target.Position = 0;
                sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(target, ct));
                // The record naming the file is committed next; the file must not be lost in a crash that the record survives.
                target.Flush(flushToDisk: true);
            }
            if (ContentRefusal(format, rule) is { } wrong)
            {
                File.Delete(partial);
                return new(null, wrong);
            }
            File.Move(partial, path);
            return new(new StoredUpload(storedName, FileNames.Normalise(file.FileName, format), format, file.Length, sha256), null);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    /// <summary>Checks the file and hands its content over in memory; meant for small limits (imports).</summary>
    public async Task<UploadResult<ReadUpload>> ReadAsync(IFormFile? file, UploadRule rule, CancellationToken ct)
    {
        if (file is null) return new(null, NoFile(rule));
        if (Refusal(file, rule) is { } refused) return new(null, refused);

        using var content = new MemoryStream((int)file.Length);
        await using (var source = file.OpenReadStream())
            await source.CopyToAsync(content, ct);
        var format = FileFormats.Detect(content);
        if (ContentRefusal(format, rule) is { } wrong) return new(null, wrong);
        return new(new ReadUpload(FileNames.Normalise(file.FileName, format), format, content.ToArray()), null);
    }

    /// <summary>Removes a kept file whose record was not saved or has been removed.</summary>
    public void Delete(string storedName)
    {
        try
        {
            File.Delete(Path.Combine(paths.Uploads, storedName));
        }
        catch (IOException ex)
        {
            // Nothing refers to the file any more, so nobody can reach it; a leftover costs only disk space.
            logger.LogWarning(ex, "Could not delete uploaded file {StoredName}", storedName);
        }
    }

    /// <summary>A kept file as a download under its stored name (filename* per RFC 5987, so Chinese names survive); 404 when it is gone.</summary>
    /// <summary>
    /// A stored file: a PDF or a picture opens in the browser's own viewer (a judge reads a business plan on a phone
    /// without a download), anything else downloads. The type is the one sniffed from the content at upload.
    /// </summary>
    public IActionResult Download(string storedName, string contentType, string fileName)
    {
        var path = Path.Combine(paths.Uploads, storedName);
        if (!File.Exists(path)) return new NotFoundResult();
        return ViewedInline.Contains(contentType)
            ? new InlineFileResult(path, contentType, fileName)
            : new PhysicalFileResult(path, contentType) { FileDownloadName = fileName };
    }

    private static readonly HashSet<string> ViewedInline =
        [FileFormats.ContentType(FileFormat.Pdf), FileFormats.ContentType(FileFormat.Png), FileFormats.ContentType(FileFormat.Jpeg)];

    /// <summary>A file shown in the tab, keeping its name for "save as"; its policy lets only the viewer itself run.</summary>
    private sealed class InlineFileResult(string path, string contentType, string fileName) : PhysicalFileResult(path, contentType)
    {
        public override Task ExecuteResultAsync(ActionContext context)
        {
            var headers = context.HttpContext.Response.Headers;
            headers.ContentDisposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("inline")
                { FileNameStar = fileName }.ToString();
            // The site's page policy (object-src 'none') would stop a browser's PDF viewer; a PDF or a picture runs no
            // script of its own, so the file gets a policy of its own that allows only the viewer.
            headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'; frame-ancestors 'none'";
            return base.ExecuteResultAsync(context);
        }
    }

    public static string Megabytes(long bytes) => (bytes / (1024m * 1024m)).ToString("0.##", CultureInfo.InvariantCulture);

    private string NoFile(UploadRule rule) => t["请选择一个非空的文件（{0}）。", FileFormats.Names(rule.Accepts, t)];

    private string? Refusal(IFormFile file, UploadRule rule)
    {
        if (file.Length == 0) return NoFile(rule);
        var max = rule.MaxBytes ?? options.Value.MaxBytes;
        if (file.Length > max) return t["文件过大：每个文件最大 {0} MB。", Megabytes(max)];
        if (FileNames.HasNul(file.FileName)) return t["文件名含有空字符，请重命名文件后再上传。"];
        return null;
    }

    private string? ContentRefusal(FileFormat format, UploadRule rule)
    {
        if (rule.Accepts.Contains(format)) return null;
        if (format == FileFormat.Xlsx && rule.Accepts.Contains(FileFormat.Csv))
            return t["这是 Excel 工作簿，请在 Excel 中另存为“CSV UTF-8”后再上传。"];
        return t["文件内容不是{0}要求的格式（{1}）。系统按文件内容判断格式，而不是按文件名。", rule.What, FileFormats.Names(rule.Accepts, t)];
    }
}
