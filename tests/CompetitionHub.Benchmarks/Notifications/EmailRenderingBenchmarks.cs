using BenchmarkDotNet.Attributes;
using CompetitionHub.Web.Features.Notifications;
using MimeKit;

namespace CompetitionHub.Benchmarks.Notifications;

/// <summary>
/// What templating costs per email: the same MimeMessage built from fixed strings (baseline) or from the Liquid
/// templates (<see cref="EmailTemplates.RenderAsync"/>: JSON model, body rendered twice, layout once).
/// </summary>
public class EmailRenderingBenchmarks
{
    private readonly EmailTemplates templates = new();
    private readonly string payloadJson = SampleMail.PayloadJson(1);
    private RenderedEmail fixedEmail = null!;

    [Params("zh-CN", "en")]
    public string Culture { get; set; } = "zh-CN";

    [GlobalSetup]
    public void Setup() =>
        // Also parses and caches the templates, so the measured renders are the steady state of a running app.
        fixedEmail = templates.RenderAsync(SampleMail.Template, Culture, payloadJson).GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "MimeMessage from fixed strings")]
    public MimeMessage FixedStrings() => SampleMail.Build(fixedEmail, 1);

    [Benchmark(Description = "EmailTemplates.RenderAsync + MimeMessage")]
    public async Task<MimeMessage> Templated() =>
        SampleMail.Build(await templates.RenderAsync(SampleMail.Template, Culture, payloadJson), 1);
}
