using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CompetitionHub.Tests.Fuzzing;

/// <summary>One malformed way of sending a form: its kind (for grouping), a label, and how it changes the baseline.</summary>
public sealed record Variant(string Kind, string Label, bool MustRefuse, Func<FuzzRequest, FuzzRequest> Apply);

/// <summary>
/// The malformed input an attacker or a careless person sends: per field (missing, empty, huge, wrong type, out of
/// range, NUL and control characters, bidi overrides, duplicates, arrays for scalars, bad booleans, unknown options,
/// odd ids, odd files) and per form (no token, unknown and too many fields, wrong encodings, odd route ids). Text
/// payloads carry a marker (<c>~fzN~</c>) so that whatever is found stored later names the request that stored it.
/// </summary>
public sealed partial class Mutations
{
    public const int HugeChars = 34_000; // "长" is 3 bytes in UTF-8: about 100 KB on the wire
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    private static readonly byte[] Html = "<html><body><script>alert(1)</script></body></html>"u8.ToArray();

    private readonly ConcurrentDictionary<string, string> owners = new();
    private int markers;

    /// <summary>Which variant wrote a marker: target and label.</summary>
    public string? OwnerOf(string text) =>
        MarkerPattern().Match(text) is { Success: true } m && owners.TryGetValue(m.Value, out var owner) ? owner : null;

    [GeneratedRegex("~fz[0-9]+~")]
    public static partial Regex MarkerPattern();

    /// <summary>A new marker, remembered as written by <paramref name="target"/>'s <paramref name="label"/>.</summary>
    public string Mark(string target, string label) => Marker(target, label);

    private string Marker(string target, string label)
    {
        var marker = $"~fz{Interlocked.Increment(ref markers)}~";
        owners[marker] = $"{target}: {label}";
        return marker;
    }

    /// <summary>The form as a person submits it: its own values, empty required-looking boxes filled in, its token, its button.</summary>
    public static FuzzRequest Baseline(FormSpec form, Random random)
    {
        var parts = new List<Part>();
        var post = form.Method == "POST";
        foreach (var group in form.Fields.GroupBy(f => f.Name))
        {
            var first = group.First();
            if (first.Type == "radio")
            {
                var chosen = group.FirstOrDefault(f => f.Checked) ?? (post ? first : null);
                if (chosen is not null) parts.Add(new Part(chosen.Name, chosen.Value));
                continue;
            }
            foreach (var field in group)
            {
                switch (field.Type)
                {
                    case "checkbox":
                        if (field.Checked) parts.Add(new Part(field.Name, field.Value.Length > 0 ? field.Value : "on"));
                        break;
                    case "select":
                        var values = field.Value.Length > 0 || field.Multiple ? field.Value.Split('\n').Where(v => field.Multiple ? v.Length > 0 : true).ToList()
                            : [field.Options.FirstOrDefault() ?? ""];
                        if (post && !field.Multiple && values is [""] && field.Options.FirstOrDefault(o => o.Length > 0) is { } option) values = [option];
                        parts.AddRange(values.Select(v => new Part(field.Name, v)));
                        break;
                    case "file":
                        if (post) parts.Add(new Part(field.Name, "", GoodFile(field)));
                        break;
                    default:
                        parts.Add(new Part(field.Name, post && field.Value.Length == 0 && field.Type != "hidden" ? Filled(field, random) : field.Value));
                        break;
                }
            }
        }
        if (form.Token is { } token) parts.Add(new Part("__RequestVerificationToken", token));
        var url = post ? form.Action : form.Action.Split('?')[0];
        return new FuzzRequest(form.Target, "as the page holds it", form.Method, url)
        {
            Body = !post ? BodyKind.None : form.IsMultipart ? BodyKind.Multipart : BodyKind.UrlEncoded,
            Parts = parts,
        };
    }

    /// <summary>What a person types into an empty box of this kind.</summary>
    private static string Filled(FieldSpec field, Random random) => field switch
    {
        _ when field.Type == "email" || field.Name.EndsWith("Email", StringComparison.Ordinal) => "fuzz.person@example.com",
        { Type: "password" } => "Fuzz2026!x",
        _ when field.Type == "tel" || field.Name.Contains("Phone", StringComparison.Ordinal) => "13800000000",
        _ when field.Name.Contains("CreditCode", StringComparison.Ordinal) || field.Name.Contains("Uscc", StringComparison.Ordinal) => CreditCode(random),
        { Type: "number" } => field.Min is { Length: > 0 } min ? min : "1",
        { Type: "date" } => "2027-03-01",
        { Type: "datetime-local" } => "2027-03-01T09:00",
        { Type: "time" } => "09:00",
        { Type: "month" } => "2027-03",
        { Type: "url" } => "https://example.com/fuzz",
        _ => "模糊测试",
    };

    /// <summary>
    /// A page draws a new submission id each time it is shown, and the server answers a known id as a resend of what it
    /// stored: each variant carries a new one, as if its page had just been opened, so none is mistaken for a resend.
    /// </summary>
    public static FuzzRequest Fresh(FuzzRequest request) => request with
    {
        Parts = request.Parts.Select(p => p.Name.EndsWith("SubmissionId", StringComparison.Ordinal) && Guid.TryParse(p.Value, out _)
            ? p with { Value = Guid.NewGuid().ToString() } : p).ToList(),
    };

    /// <summary>A valid 统一社会信用代码 drawn from <paramref name="random"/>.</summary>
    private static string CreditCode(Random random)
    {
        var alphabet = CompetitionHub.Web.Features.Eligibility.CreditCode.Alphabet;
        var body = "91220101" + string.Concat(Enumerable.Range(0, 9).Select(_ => alphabet[random.Next(alphabet.Length)]));
        return body + CompetitionHub.Web.Features.Eligibility.CreditCode.CheckCharacter(body);
    }

    private static FilePart GoodFile(FieldSpec field) => field.Accept switch
    {
        { } a when a.Contains("csv", StringComparison.OrdinalIgnoreCase) => new FilePart("名单.csv", "text/csv", "CompanyName,CreditCode,Year\n吉林测试有限公司,91220101MA17Q8H2X8,2024\n"u8.ToArray()),
        { } a when a.Contains("image", StringComparison.OrdinalIgnoreCase) && !a.Contains("pdf", StringComparison.OrdinalIgnoreCase) => new FilePart("照片.png", "image/png", Png),
        _ => new FilePart("计划书.pdf", "application/pdf", Pdf),
    };

    /// <summary>
    /// Up to <paramref name="budget"/> variants of <paramref name="form"/>: every form-level variant, each field's
    /// characteristic attack (bad boolean for a checkbox, extreme dates for a date, unknown option for a choice, over the
    /// page's own maxlength for text…), then others drawn at random.
    /// </summary>
    public List<Variant> For(FormSpec form, Random random, int budget)
    {
        var required = new List<Variant>();
        var optional = new List<Variant>();
        foreach (var (variant, characteristic) in FormLevel(form).Select(v => (v, true))
                     .Concat(form.Fields.GroupBy(f => f.Name).SelectMany(g => ForField(form, g.ToList(), random))))
            (characteristic ? required : optional).Add(variant);
        var chosen = required.OrderBy(_ => random.Next()).Take(budget).ToList();
        chosen.AddRange(optional.OrderBy(_ => random.Next()).Take(Math.Max(0, budget - chosen.Count)));
        return chosen;
    }

    private IEnumerable<Variant> FormLevel(FormSpec form)
    {
        var post = form.Method == "POST";
        if (post)
        {
            // With a field named "code": a refusal page must keep its own status whatever the post holds.
            yield return new("no token", "without its antiforgery token, with code=200", true,
                r => r with { Parts = [.. r.Parts.Where(p => p.Name != "__RequestVerificationToken"), new Part("code", "200")] });
            yield return new("no fields", "with nothing but its token", false,
                r => r with { Parts = r.Parts.Where(p => p.Name == "__RequestVerificationToken").ToList() });
            yield return new("json body", "as a JSON body", false, r => r with
            {
                Body = BodyKind.Raw, ContentType = "application/json",
                RawBody = Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(r.Parts.Where(p => p.File is null).GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.First().Value))),
            });
            yield return new("boundary missing", "as multipart without a boundary", false, r => r with
            {
                Body = BodyKind.Raw, ContentType = "multipart/form-data", RawBody = Encoding.UTF8.GetBytes(FuzzClient.UrlEncoded(r.Parts.Where(p => p.File is null))),
            });
            yield return new("other encoding", form.IsMultipart ? "urlencoded instead of multipart" : "multipart instead of urlencoded", false,
                r => r with { Body = form.IsMultipart ? BodyKind.UrlEncoded : BodyKind.Multipart, Parts = r.Parts.Where(p => p.File is null).ToList() });
            yield return new("wrong method", "sent with PUT", false, r => r with { Method = "PUT" });
            yield return new("too many fields", "with 1,100 extra fields", false,
                r => r with { Parts = [.. r.Parts, .. Enumerable.Range(0, 1100).Select(i => new Part($"f{i}", "1"))] });
            yield return new("long field name", "with a field name of 3,000 characters", false,
                r => r with { Parts = [.. r.Parts, new Part(new string('n', 3000), "1")] });
        }
        var unknown = Marker(form.Target, "unknown fields");
        yield return new("unknown fields", "with unknown and over-posted fields", false, r => r with
        {
            Parts = [.. r.Parts, new Part("Zzz", "1" + unknown), new Part("Id", "1"), new Part("Status", "Approved"), new Part("IsAdmin", "true"),
                new Part("__proto__[polluted]", "1"), new Part("Form.Unknown", unknown)],
        });
        yield return new("all empty", "with every field empty", false,
            r => r with { Parts = r.Parts.Select(p => p.Name == "__RequestVerificationToken" ? p : p with { Value = "", File = p.File is null ? null : p.File with { Content = [], FileName = "" } }).ToList() });
        var path = form.Action.Split('?')[0];
        foreach (Match id in IdSegment().Matches(path))
        {
            var value = id.Groups[1].Value;
            string Replace(string with) => path[..id.Groups[1].Index] + with + path[(id.Groups[1].Index + id.Groups[1].Length)..] + (form.Method == "POST" ? form.Action[path.Length..] : "");
            yield return new("route id 0-padded", $"route id {value} written 0000{value}", post, r => r with { Url = Replace("0000" + value), NonCanonicalId = true });
            yield return new("route id plus sign", $"route id {value} written +{value}", post, r => r with { Url = Replace("+" + value), NonCanonicalId = true });
            yield return new("route id out of range", $"route id {value} as 2147483648", false, r => r with { Url = Replace("2147483648") });
            yield return new("route id negative", $"route id {value} as -1", false, r => r with { Url = Replace("-1") });
        }
    }

    [GeneratedRegex(@"/(\d+)(?=/|$)")]
    private static partial Regex IdSegment();

    /// <summary>Variants of one field (all controls of its name); the bool says whether it is the field's characteristic attack.</summary>
    private IEnumerable<(Variant, bool)> ForField(FormSpec form, List<FieldSpec> controls, Random random)
    {
        var field = controls.FirstOrDefault(c => c.Type != "hidden") ?? controls[0];
        var name = field.Name;
        if (name == "__RequestVerificationToken") yield break;
        string M(string label) => Marker(form.Target, $"{name}: {label}");
        Variant Set(string kind, string label, bool mustRefuse, string value, bool raw = false) =>
            new(kind, $"{name} = {label}", mustRefuse, r => r with { Parts = SetValue(r.Parts, name, value, raw) });

        if (field.Type == "file")
        {
            yield return (Files(name, "empty file", new FilePart("计划书.pdf", "application/pdf", []), true), true);
            yield return (Files(name, "HTML named .pdf", new FilePart("计划书.pdf", "application/pdf", Html), true), true);
            yield return (Files(name, "over-size (22 MB)", new FilePart("大文件.pdf", "application/pdf", Oversize.Value), true), true);
            yield return (Files(name, "PDF named .html", new FilePart($"plan{M("pdf named html")}.html", "text/html", Pdf), false), false);
            yield return (Files(name, "bidi override in name", new FilePart($"计划{M("bidi file name")}\u202Efdp.exe", "application/pdf", Pdf), false), true);
            yield return (Files(name, "control characters in name", new FilePart($"计划\u0001\u0007{M("control file name")}.pdf", "application/pdf", Pdf), false), false);
            yield return (Files(name, "path traversal in name", new FilePart($"../../..{M("traversal")}/etc/passwd.pdf", "application/pdf", Pdf), false), false);
            yield return (Files(name, "300-character name", new FilePart(new string('长', 300) + M("long name") + ".pdf", "application/pdf", Pdf), false), false);
            yield return (Files(name, "no file name", new FilePart("", "application/octet-stream", []), false), false);
            yield return (new Variant("two files", $"{name} = two files", false, r => r with
            {
                Parts = [.. r.Parts, new Part(name, "", new FilePart("第二份.pdf", "application/pdf", Pdf))],
            }), false);
            yield break;
        }

        yield return (new Variant("missing", $"{name} missing", false, r => r with { Parts = r.Parts.Where(p => p.Name != name).ToList() }), false);
        yield return (Set("empty", "empty", false, ""), false);
        yield return (Set("whitespace", "only whitespace", false, " \t "), false);
        yield return (Set("NUL", "with NUL", false, $"模糊\0测试{M("NUL")}"), field.IsText);
        yield return (Set("control characters", "with control characters", false, $"模糊\u0001\u0008\u001b[2J\u007f\u0085{M("control")}"), false);
        yield return (Set("bidi override", "with bidi overrides", false, $"\u202Eexe.fdp\u202C\u2066{M("bidi")}\u2069"), field.IsText);
        // Characteristic everywhere: a refusal that quotes the value (a number field's "value … is invalid") must not echo 100 KB.
        yield return (Set("huge", "100 KB", field.MaxLength is not null, new string('长', HugeChars) + M("huge")), true);
        yield return (Set("bad percent-encoding", "bad percent-encoding", false, "%zz%C3%28%00%", raw: true), false);
        yield return (new Variant("duplicate", $"{name} twice", false, r => r with
        {
            Parts = [.. r.Parts, new Part(name, r.Parts.FirstOrDefault(p => p.Name == name)?.Value is { Length: > 0 } v ? v + "2" : "2")],
        }), false);
        yield return (new Variant("array for scalar", $"{name}[0] and {name}[] instead of {name}", false, r => r with
        {
            Parts = [.. r.Parts.Where(p => p.Name != name), new Part(name + "[0]", "1"), new Part(name + "[]", "2"), new Part(name + ".Zzz", "3")],
        }), false);
        if (field.MaxLength is { } max)
            yield return (Set("over maxlength", $"{max + 1} characters (the page allows {max})", true, M("over").PadRight(max + 1, '测')), true);

        if (field.IsBoolean)
        {
            yield return (Set("bad boolean", "abc", true, "abc"), true);
            yield return (Set("bad boolean", "2", true, "2"), false);
        }
        if (field.IsDate)
        {
            var time = field.Type == "datetime-local" ? "T00:00" : "";
            yield return (Set("date out of range", "0001-01-01", true, field.Type == "time" ? "25:61" : "0001-01-01" + time), true);
            yield return (Set("date out of range", "9999-12-31", true, field.Type == "time" ? "-1:00" : "9999-12-31" + (time.Length > 0 ? "T23:59" : "")), true);
            yield return (Set("date invalid", "2026-02-30", true, "2026-02-30" + time), false);
            yield return (Set("date invalid", "abc", true, "abc"), false);
            yield return (Set("date far", "1899-12-31", false, "1899-12-31" + time), false);
        }
        if (field.IsNumber || field.Type == "number")
        {
            var strict = field.Type is "number" or "select";
            yield return (Set("wrong type", "abc", field.Type == "number", "abc"), field.Type == "number");
            yield return (Set("number out of range", "2147483648", strict, "2147483648"), true);
            yield return (Set("number out of range", "99999999999999999999999999999", strict, "99999999999999999999999999999"), false);
            yield return (Set("number odd", "-1", false, "-1"), false);
            yield return (Set("number odd", "1e309", strict, "1e309"), false);
            yield return (Set("number odd", "NaN", strict, "NaN"), false);
            // .NET's converters read "0x1F" as 31 for every integer: odd, but a number, so not a must-refuse.
            yield return (Set("number odd", "0x1F", false, "0x1F"), false);
            yield return (Set("number odd", "fullwidth digits", false, "１２"), false);
            if (field.Value.Length > 0 && long.TryParse(field.Value, out _))
                yield return (Set("id written oddly", $"0000{field.Value}", false, "0000" + field.Value), false);
            if (field.Max is { } high && decimal.TryParse(high, NumberStyles.Number, CultureInfo.InvariantCulture, out var h))
                yield return (Set("over page max", $"{h + 1} (the page allows at most {high})", true, (h + 1).ToString(CultureInfo.InvariantCulture)), true);
            if (field.Min is { } low && decimal.TryParse(low, NumberStyles.Number, CultureInfo.InvariantCulture, out var l))
                yield return (Set("under page min", $"{l - 1} (the page allows at least {low})", true, (l - 1).ToString(CultureInfo.InvariantCulture)), true);
        }
        if (field.IsChoice)
        {
            var values = field.Type is "radio" or "checkbox" ? controls.Select(c => c.Value).ToList() : field.Options.ToList();
            if (values.Count > 0 && form.Method == "POST")
            {
                var numeric = values.Where(v => v.Length > 0).All(v => long.TryParse(v, out _));
                yield return (Set("unknown option", "an option the page does not offer", true, numeric ? "987654321" : "Bogus" + M("option")), true);
                if (field.Multiple || field.Type == "checkbox")
                    yield return (new Variant("empty list item", $"{name} with an empty item", false,
                        r => r with { Parts = [.. r.Parts, new Part(name, "")] }), true);
                else
                    yield return (new Variant("two options", $"{name} = two options at once", false,
                        r => r with { Parts = [.. SetValue(r.Parts, name, values[0], false), new Part(name, values[^1])] }), false);
            }
        }
        if (Guid.TryParse(field.Value, out _))
        {
            yield return (Set("bad guid", "not a GUID", true, "not-a-guid"), true);
            yield return (Set("stale guid", "another GUID", false, new Guid(random.Next(), 1, 2, [1, 2, 3, 4, 5, 6, 7, 8]).ToString()), false);
            yield return (Set("empty guid", "Guid.Empty", false, Guid.Empty.ToString()), false);
        }
    }

    private static Variant Files(string name, string label, FilePart file, bool mustRefuse) =>
        new(label.StartsWith("over-size", StringComparison.Ordinal) ? "over-size upload" : "odd file", $"{name} = {label}", mustRefuse,
            r => r with { Parts = r.Parts.Select(p => p.Name == name && p.File is not null ? p with { File = file } : p).ToList() });

    /// <summary>Over the 20 MB limit and under the server's 30 MB body limit: the app must say the file is too large.</summary>
    private static readonly Lazy<byte[]> Oversize = new(() =>
    {
        var bytes = new byte[22 * 1024 * 1024];
        Pdf.CopyTo(bytes, 0);
        return bytes;
    });

    private static List<Part> SetValue(IReadOnlyList<Part> parts, string name, string value, bool raw)
    {
        var result = new List<Part>();
        var set = false;
        foreach (var p in parts)
        {
            if (p.Name != name) { result.Add(p); continue; }
            // A checkbox's hidden "false" companion goes too: the value stands alone, as a hand-made post would send it.
            if (set) continue;
            result.Add(new Part(raw ? Uri.EscapeDataString(name) : name, value, Raw: raw));
            set = true;
        }
        if (!set) result.Add(new Part(raw ? Uri.EscapeDataString(name) : name, value, Raw: raw));
        return result;
    }
}
