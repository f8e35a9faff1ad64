using System.IO.Compression;
using System.Net;
using CompetitionHub.TestSupport;
using CompetitionHub.Web.Features.Accounts;
using CompetitionHub.Web.Features.Contests;
using Microsoft.EntityFrameworkCore;
using CompetitionHub.Web.Infrastructure;

namespace CompetitionHub.Tests.Registration;

public sealed class MaterialsTests(MaterialsTests.Host host) : IClassFixture<MaterialsTests.Host>
{
    public sealed class Host : RegistrationHost;

    private static byte[] Zip(params string[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write("<x/>");
            }
        }
        return buffer.ToArray();
    }

    private static readonly byte[] Pptx = Zip("[Content_Types].xml", "_rels/.rels", "ppt/presentation.xml", "ppt/slides/slide1.xml");

    private async Task<(HttpClient Leader, int EntryId, TestContest Contest)> EntryAsync()
    {
        var contest = await host.CreateOpenContestAsync();
        var (leader, _, _) = await host.SignedInAsync();
        var entryId = await leader.CreateEntryAsync(contest, await leader.CreateTeamAsync());
        return (leader, entryId, contest);
    }

    [Fact]
    public async Task Upload_AcceptsPdfPngAndPptx_CheckedByContent()
    {
        var (leader, entryId, _) = await EntryAsync();

        Assert.Equal(HttpStatusCode.Redirect, (await leader.UploadAsync(entryId, "BusinessPlan", RegistrationSteps.Pdf, "商业计划书.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await leader.UploadAsync(entryId, "Image", RegistrationSteps.Png, "logo.png", "application/octet-stream")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await leader.UploadAsync(entryId, "PitchDeck", Pptx, "路演.pptx", "application/zip")).StatusCode);

        var materials = await host.WithDbAsync(db => db.EntryMaterials.AsNoTracking().Where(m => m.EntryId == entryId).OrderBy(m => m.Id).ToListAsync());
        Assert.Equal(["application/pdf", "image/png", "application/vnd.openxmlformats-officedocument.presentationml.presentation"],
            materials.Select(m => m.ContentType));
        Assert.Equal("商业计划书.pdf", materials[0].FileName);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(RegistrationSteps.Pdf)), materials[0].Sha256);
        Assert.Equal(RegistrationSteps.Pdf.Length, materials[0].SizeBytes);
        var stored = Path.Combine(host.DataPath, "uploads", materials[0].StoredName);
        Assert.Equal(RegistrationSteps.Pdf, await File.ReadAllBytesAsync(stored));
        Assert.DoesNotContain(".pdf", materials[0].StoredName);
        Assert.Equal(3, await host.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityId == entryId.ToString() && a.Action == "MaterialAdded")));
    }

    [Fact]
    public async Task Download_OpensPdfsAndPicturesInTheBrowser_AndOffersOtherFilesAsDownloads()
    {
        var (leader, entryId, _) = await EntryAsync();
        await leader.UploadAsync(entryId, "BusinessPlan", RegistrationSteps.Pdf, "计划书.pdf");
        await leader.UploadAsync(entryId, "Image", RegistrationSteps.Png, "logo.png");
        await leader.UploadAsync(entryId, "PitchDeck", Pptx, "路演.pptx");
        var ids = await host.WithDbAsync(db => db.EntryMaterials.Where(m => m.EntryId == entryId).OrderBy(m => m.Id).Select(m => m.Id).ToListAsync());

        var responses = new List<HttpResponseMessage>();
        foreach (var id in ids) responses.Add(await leader.GetAsync($"/materials/{id}"));

        Assert.Equal(["inline", "inline", "attachment"], responses.Select(r => r.Content.Headers.ContentDisposition!.DispositionType));
        Assert.Equal(["计划书.pdf", "logo.png", "路演.pptx"], responses.Select(r => r.Content.Headers.ContentDisposition!.FileNameStar));
        // What opens in the tab runs under a policy that allows the viewer and nothing else; a page keeps the site's.
        var policy = Assert.Single(responses[0].Headers.GetValues("Content-Security-Policy"));
        Assert.StartsWith("default-src 'none'", policy);
        Assert.Contains("object-src 'none'", Assert.Single(responses[2].Headers.GetValues("Content-Security-Policy")));
        Assert.All(responses, r => Assert.Equal("nosniff", Assert.Single(r.Headers.GetValues("X-Content-Type-Options"))));
    }

    [Theory]
    [InlineData("text", "文件内容不是商业计划书要求的格式")]
    [InlineData("zip", "文件内容不是路演材料要求的格式")]
    [InlineData("empty", "请选择一个非空的文件")]
    [InlineData("oversize", "文件过大")]
    public async Task Upload_IsRefusedWithAMessage_WhenTheFileIsNotAcceptable(string what, string message)
    {
        var (leader, entryId, _) = await EntryAsync();
        var (kind, bytes, name) = what switch
        {
            "text" => ("BusinessPlan", "这不是 PDF，只是文本。"u8.ToArray(), "plan.pdf"),
            "zip" => ("PitchDeck", Zip("readme.txt", "data/a.xml"), "deck.pptx"),
            "empty" => ("BusinessPlan", Array.Empty<byte>(), "plan.pdf"),
            _ => ("BusinessPlan", [.. RegistrationSteps.Pdf, .. new byte[RegistrationHost.MaxUploadBytes]], "big.pdf"),
        };

        var response = await leader.UploadAsync(entryId, kind, bytes, name);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(message, await response.TextAsync());
        await AssertNothingStoredAsync(entryId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Resume")]
    [InlineData("0")]
    [InlineData("99")]
    [InlineData("businessplan")]
    [InlineData("Image,PitchDeck")]
    public async Task Upload_IsRefusedAndStoresNothing_WhenTheKindIsMissingOrNotOneTheFormOffers(string? kind)
    {
        var (leader, entryId, _) = await EntryAsync();

        var response = await leader.UploadAsync(entryId, kind, RegistrationSteps.Pdf, "plan.pdf");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("请选择材料类型。", await response.TextAsync());
        await AssertNothingStoredAsync(entryId);
    }

    [Fact]
    public async Task Upload_IsRefusedInEnglish_WhenTheKindIsNotOneTheFormOffers()
    {
        var contest = await host.CreateOpenContestAsync();
        var email = TestUsers.NewEmail("reg");
        await host.CreateUserAsync(email, TestUsers.DemoPassword);
        var leader = host.CreateFormClient("en");
        await leader.SignInOrThrowAsync(email, TestUsers.DemoPassword);
        var entryId = await leader.CreateEntryAsync(contest, await leader.CreateTeamAsync());

        var response = await leader.UploadAsync(entryId, "Resume", RegistrationSteps.Pdf, "plan.pdf");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Please choose the kind of material.", await response.TextAsync());
        await AssertNothingStoredAsync(entryId);
    }

    [Theory]
    [InlineData("plan.html", "plan.pdf")]
    [InlineData("plan", "plan.pdf")]
    [InlineData("计划书.PDF", "计划书.pdf")]
    [InlineData("invoice\u202Egpj.pdf", "invoicegpj.pdf")]
    [InlineData("\u2067吉林\u2069 计划书\u200B .pdf", "吉林 计划书.pdf")]
    [InlineData("  吉林\u3000\u3000计划书\u0007.pdf  ", "吉林 计划书.pdf")]
    [InlineData("C:\\Users\\li\\Desktop\\计划书.pdf", "计划书.pdf")]
    [InlineData("报告<草稿>:第1版|终稿?.pdf", "报告草稿第1版终稿.pdf")]
    [InlineData("\u202E.pdf", "file.pdf")]
    public async Task Upload_StoresAndOffersTheNormalisedNameWithTheDetectedExtension(string uploaded, string expected)
    {
        var (leader, entryId, _) = await EntryAsync();

        var response = await leader.UploadAsync(entryId, "BusinessPlan", RegistrationSteps.Pdf, uploaded);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var material = await host.WithDbAsync(db => db.EntryMaterials.AsNoTracking().SingleAsync(m => m.EntryId == entryId));
        Assert.Equal(expected, material.FileName);
        Assert.Equal("application/pdf", material.ContentType);
        var download = await leader.GetAsync($"/materials/{material.Id}");
        Assert.Equal(expected, download.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.Equal(PrivateDownloads.CacheControl, download.Headers.CacheControl?.ToString());
        Assert.Contains($">{expected}</a>", await (await leader.GetAsync($"/entries/{entryId}")).TextAsync());
    }

    [Fact]
    public async Task Upload_NamesAPictureAfterItsContent_WhenItCameAsAnotherFormat()
    {
        var (leader, entryId, _) = await EntryAsync();

        var response = await leader.UploadAsync(entryId, "Image", RegistrationSteps.Png, "logo.jpg", "image/jpeg");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var material = await host.WithDbAsync(db => db.EntryMaterials.AsNoTracking().SingleAsync(m => m.EntryId == entryId));
        Assert.Equal(("logo.png", "image/png"), (material.FileName, material.ContentType));
    }

    [Fact]
    public async Task Upload_BoundsTheNameTo100Characters_KeepingTheDetectedExtensionAndWholeCharacters()
    {
        var (leader, entryId, _) = await EntryAsync();

        await leader.UploadAsync(entryId, "BusinessPlan", RegistrationSteps.Pdf, new string('长', 300) + ".docx");
        await leader.UploadAsync(entryId, "BusinessPlan", RegistrationSteps.Pdf, string.Concat(Enumerable.Repeat("🚀", 80)) + ".pdf");

        var names = await host.WithDbAsync(db => db.EntryMaterials.Where(m => m.EntryId == entryId).OrderBy(m => m.Id).Select(m => m.FileName).ToListAsync());
        Assert.Equal([new string('长', 96) + ".pdf", string.Concat(Enumerable.Repeat("🚀", 48)) + ".pdf"], names);
    }

    /// <summary>
    /// A raw NUL makes the part unreadable before any code of ours runs, but a MIME encoded-word (as .NET's own client
    /// writes non-ASCII names) is decoded by the form reader, NUL and all.
    /// </summary>
    [Fact]
    public async Task Upload_IsRefusedAndStoresNothing_WhenTheFileNameHoldsANul()
    {
        var (leader, entryId, _) = await EntryAsync();
        var encoded = "=?utf-8?B?" + Convert.ToBase64String("计划书\0.html.pdf"u8) + "?=";

        var response = await leader.UploadAsync(entryId, "BusinessPlan", RegistrationSteps.Pdf, encoded);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("文件名含有空字符，请重命名文件后再上传。", await response.TextAsync());
        await AssertNothingStoredAsync(entryId);
    }

    [Fact]
    public async Task DeleteMaterial_RemovesTheRowAndTheFile()
    {
        var (leader, entryId, _) = await EntryAsync();
        await leader.UploadAsync(entryId, "BusinessPlan", RegistrationSteps.Pdf, "plan.pdf");
        var material = await host.WithDbAsync(db => db.EntryMaterials.AsNoTracking().SingleAsync(m => m.EntryId == entryId));

        var deleted = await leader.PostFormAsync($"/entries/{entryId}/materials/{material.Id}/delete", [], $"/entries/{entryId}");

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.False(await host.WithDbAsync(db => db.EntryMaterials.AnyAsync(m => m.Id == material.Id)));
        Assert.False(File.Exists(Path.Combine(host.DataPath, "uploads", material.StoredName)));
    }

    [Fact]
    public async Task Upload_LandsAtTheMaterialsWithItsMessageThere_WhenTheFormIsPostedWithoutScript()
    {
        var (leader, entryId, _) = await EntryAsync();

        var uploaded = await leader.UploadAsync(entryId, "BusinessPlan", RegistrationSteps.Pdf, "plan.pdf");

        Assert.Equal($"/entries/{entryId}#materials", uploaded.Headers.Location?.OriginalString);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await leader.GetStringAsync(uploaded.Headers.Location!.OriginalString));
        var message = Assert.Single(page.QuerySelectorAll("#status-message"));
        Assert.Equal("材料已上传。", message.TextContent);
        Assert.Equal("materials", message.Closest("section")?.Id);
        // Shown once: the next page has no message left.
        Assert.Empty(new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await leader.GetStringAsync($"/entries/{entryId}")).QuerySelectorAll("#status-message"));
    }

    [Fact]
    public async Task Download_IsServedOnlyToTheTeamAndTheContestsManagers()
    {
        var (leader, entryId, contest) = await EntryAsync();
        await leader.UploadAsync(entryId, "BusinessPlan", RegistrationSteps.Pdf, "吉林 计划书.pdf");
        var materialId = await host.WithDbAsync(db => db.EntryMaterials.Where(m => m.EntryId == entryId).Select(m => m.Id).SingleAsync());
        var url = $"/materials/{materialId}";

        var (organizer, _, organizerId) = await host.SignedInAsync(Roles.Organizer);
        var (otherOrganizer, _, otherOrganizerId) = await host.SignedInAsync(Roles.Organizer);
        var other = await host.CreateOpenContestAsync();
        await host.WithDbAsync(async db =>
        {
            db.ContestOrganizers.Add(new ContestOrganizer { ContestId = contest.Id, UserId = organizerId, AssignedAt = host.Now });
            db.ContestOrganizers.Add(new ContestOrganizer { ContestId = other.Id, UserId = otherOrganizerId, AssignedAt = host.Now });
            await db.SaveChangesAsync();
        });
        var (contestant, _, _) = await host.SignedInAsync(Roles.Contestant);
        var (judge, _, _) = await host.SignedInAsync(Roles.Judge);
        var (investor, _, _) = await host.SignedInAsync(Roles.Investor);
        var (admin, _, _) = await host.SignedInAsync(Roles.Admin);

        var mine = await leader.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal(RegistrationSteps.Pdf, await mine.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", mine.Content.Headers.ContentType!.MediaType);
        Assert.Equal("inline", mine.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("吉林 计划书.pdf", mine.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal("nosniff", Assert.Single(mine.Headers.GetValues("X-Content-Type-Options")));

        Assert.Equal(HttpStatusCode.OK, (await organizer.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherOrganizer.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await contestant.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await judge.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await investor.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(url)).StatusCode);
        var anonymous = await host.CreateFormClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/login", anonymous.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Upload_IsRefused_ForSomeoneOutsideTheTeam()
    {
        var (_, entryId, _) = await EntryAsync();
        var (stranger, _, _) = await host.SignedInAsync();
        await stranger.GetAsync("/teams");

        // The stranger has no entry page (404), so no form token from it: take one from a page they can open.
        var token = FormPosting.AntiforgeryToken(await stranger.GetStringAsync("/teams"), "form[action='/culture']")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("BusinessPlan"), "kind" },
            { new ByteArrayContent(RegistrationSteps.Pdf), "file", "x.pdf" },
        };
        var response = await stranger.PostAsync($"/entries/{entryId}/materials", content);

        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await host.WithDbAsync(db => db.EntryMaterials.AnyAsync(m => m.EntryId == entryId)));
    }

    private async Task AssertNothingStoredAsync(int entryId)
    {
        Assert.False(await host.WithDbAsync(db => db.EntryMaterials.AnyAsync(m => m.EntryId == entryId)));
        var uploads = Path.Combine(host.DataPath, "uploads");
        Assert.True(!Directory.Exists(uploads) || Directory.GetFiles(uploads).Length == await host.WithDbAsync(db => db.EntryMaterials.CountAsync()));
    }
}
