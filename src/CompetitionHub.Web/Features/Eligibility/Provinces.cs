namespace CompetitionHub.Web.Features.Eligibility;

/// <summary>
/// The provincial-level divisions of mainland China by their GB/T 2260 code, the first two digits of an
/// administrative division code (and so characters 3–4 of a credit code). Applicants state their registration place
/// with one of these; the names are resource keys.
/// </summary>
public static class Provinces
{
    public const string Jilin = "22";

    /// <summary>Jilin first (most applicants), then the others in code order.</summary>
    public static IReadOnlyList<(string Code, string Name)> All { get; } =
    [
        ("22", "吉林省"),
        ("11", "北京市"), ("12", "天津市"), ("13", "河北省"), ("14", "山西省"), ("15", "内蒙古自治区"),
        ("21", "辽宁省"), ("23", "黑龙江省"),
        ("31", "上海市"), ("32", "江苏省"), ("33", "浙江省"), ("34", "安徽省"), ("35", "福建省"), ("36", "江西省"), ("37", "山东省"),
        ("41", "河南省"), ("42", "湖北省"), ("43", "湖南省"), ("44", "广东省"), ("45", "广西壮族自治区"), ("46", "海南省"),
        ("50", "重庆市"), ("51", "四川省"), ("52", "贵州省"), ("53", "云南省"), ("54", "西藏自治区"),
        ("61", "陕西省"), ("62", "甘肃省"), ("63", "青海省"), ("64", "宁夏回族自治区"), ("65", "新疆维吾尔自治区"),
    ];

    private static readonly Dictionary<string, string> Names = All.ToDictionary(p => p.Code, p => p.Name, StringComparer.Ordinal);

    public static bool IsKnown(string? code) => code is not null && Names.ContainsKey(code);

    /// <summary>The name (a resource key) of a province code, or null for anything else (e.g. 10, national registrations).</summary>
    public static string? Name(string? code) => code is not null && Names.TryGetValue(code, out var name) ? name : null;
}
