using CompetitionHub.Web.Infrastructure;
using Microsoft.Extensions.Localization;
using CompetitionHub.Web.Features.Contests;

namespace CompetitionHub.Web.Features.Registration;

/// <summary>Each kind of material: what it is called on pages and in messages, and what its content may be.</summary>
public static class MaterialKinds
{
    private static readonly FileFormat[] Document = [FileFormat.Pdf];
    private static readonly FileFormat[] Deck = [FileFormat.Pdf, FileFormat.Pptx];
    private static readonly FileFormat[] Picture = [FileFormat.Jpeg, FileFormat.Png];
    private static readonly FileFormat[] Scan = [FileFormat.Jpeg, FileFormat.Png, FileFormat.Pdf];

    public static string Of(MaterialKind kind, IStringLocalizer t) => kind switch
    {
        MaterialKind.BusinessPlan => t["商业计划书"],
        MaterialKind.PitchDeck => t["路演材料"],
        MaterialKind.Image => t["图片"],
        MaterialKind.BusinessLicence => t["营业执照"],
        _ => t["其他材料"],
    };

    public static IReadOnlyList<FileFormat> Formats(MaterialKind kind) => kind switch
    {
        MaterialKind.PitchDeck => Deck,
        MaterialKind.Image => Picture,
        MaterialKind.BusinessLicence => Scan,
        _ => Document,
    };

    /// <summary>Every format some kind accepts, for the file input's accept attribute.</summary>
    public static IReadOnlyList<FileFormat> AnyFormat { get; } = [.. Enum.GetValues<MaterialKind>().SelectMany(Formats).Distinct()];

    /// <summary>
    /// A kind as the upload form sends it: exactly one of the option values. Enum parsing would also take "0", " Image"
    /// or "Image,PitchDeck", and model binding turns what it cannot read into the first kind; neither may store a file.
    /// </summary>
    public static bool TryParse(string? value, out MaterialKind kind)
    {
        kind = default;
        return value is not null && Enum.GetNames<MaterialKind>().Contains(value, StringComparer.Ordinal) && Enum.TryParse(value, out kind);
    }
}
