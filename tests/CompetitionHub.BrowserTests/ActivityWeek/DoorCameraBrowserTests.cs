using System.Text;
using CompetitionHub.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using QRCoder;
using static Microsoft.Playwright.Assertions;

namespace CompetitionHub.BrowserTests.ActivityWeek;

/// <summary>
/// The door page's camera on a browser without BarcodeDetector (Chromium on Linux, like iPhones): Chromium's fake camera
/// films a real ticket's QR code, the page reads it with its own decoder and checks the ticket in.
/// </summary>
public sealed class DoorCameraBrowserTests(DoorCameraBrowserTests.Host host) : IClassFixture<DoorCameraBrowserTests.Host>
{
    public sealed class Host : BrowserHost;

    [Fact]
    public async Task DoorPage_ChecksTheTicketIn_WhenTheCameraFilmsItsQrCode()
    {
        var ticket = await DoorTicket.SignUpAsync(host, "韩雪");
        var (contestId, eventId, token) = (ticket.ContestId, ticket.EventId, ticket.Token);

        // The ticket's QR code as the ticket page and the email draw it (the token, error correction M), filmed.
        var video = Path.Combine(Path.GetTempPath(), $"chub-ticket-{Guid.NewGuid():N}.y4m");
        await File.WriteAllBytesAsync(video, Y4m(token));
        try
        {
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = "/usr/bin/chromium", Headless = true,
                Args = [.. BrowserHost.ChromiumArgs, "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                    $"--use-file-for-fake-video-capture={video}"],
            });
            var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = host.BaseAddress.ToString(), Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            });
            var door = await context.NewPageAsync();
            await door.SignInAsync(TestUsers.DemoOrganizer);
            var response = await door.GotoAsync($"/manage/activity-weeks/{contestId}/events/{eventId}/door");
            Assert.Equal("camera=(self), microphone=(), geolocation=()", await response!.HeaderValueAsync("permissions-policy"));
            Assert.False(await door.EvaluateAsync<bool>("() => 'BarcodeDetector' in window"));

            await door.Locator("#scan-start").ClickAsync();
            await Expect(door.Locator("#scan-video")).ToBeVisibleAsync();
            await Expect(door.Locator("#check-in-result")).ToHaveAttributeAsync("data-result", "Admitted", new() { Timeout = 20_000 });
            await Expect(door.Locator("#check-in-result")).ToContainTextAsync("韩雪");
            await BrowserHost.ScreenshotAsync(door, "activity-door-camera");
            Assert.NotNull(await host.App.WithDbAsync(db => db.EventSignups.Where(s => s.TicketToken == token).Select(s => s.CheckedInAt).SingleAsync()));

            // Every other page keeps the camera off.
            var other = await door.GotoAsync($"/manage/activity-weeks/{contestId}/events/{eventId}");
            Assert.Equal("camera=(), microphone=(), geolocation=()", await other!.HeaderValueAsync("permissions-policy"));
        }
        finally
        {
            File.Delete(video);
        }
    }

    /// <summary>
    /// A short Y4M video (the raw format Chromium's fake camera plays in a loop): 640×480 grey frames with the QR code of
    /// <paramref name="text"/> in the middle, 10 px a module, black on white with its quiet zone.
    /// </summary>
    private static byte[] Y4m(string text)
    {
        const int width = 640, height = 480, moduleSize = 10, frames = 10;
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix; // includes the 4-module quiet zone
        var size = modules.Count * moduleSize;
        var (left, top) = ((width - size) / 2, (height - size) / 2);
        var luma = new byte[width * height];
        Array.Fill(luma, (byte)200);
        for (var y = 0; y < size; y++)
        for (var x = 0; x < size; x++)
            luma[(top + y) * width + left + x] = modules[y / moduleSize][x / moduleSize] ? (byte)16 : (byte)235;
        var chroma = new byte[width / 2 * (height / 2)];
        Array.Fill(chroma, (byte)128);
        using var output = new MemoryStream();
        output.Write(Encoding.ASCII.GetBytes($"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n"));
        for (var f = 0; f < frames; f++)
        {
            output.Write(Encoding.ASCII.GetBytes("FRAME\n"));
            output.Write(luma);
            output.Write(chroma);
            output.Write(chroma);
        }
        return output.ToArray();
    }
}
