using Microsoft.Extensions.Localization;

namespace CompetitionHub.Web.Features.Registration;

/// <summary>How a kind of material is called on pages and in messages.</summary>
public static class MaterialNames
{
    public static string Of(MaterialKind kind, IStringLocalizer t) => kind switch
    {
        MaterialKind.BusinessPlan => t["商业计划书"],
        MaterialKind.PitchDeck => t["路演材料"],
        MaterialKind.Image => t["图片"],
        _ => t["其他材料"],
    };

    /// <summary>What each kind accepts, as told to the person before and after an upload.</summary>
    public static string Accepts(MaterialKind kind, IStringLocalizer t) => kind switch
    {
        MaterialKind.PitchDeck => t["PDF 或 PPTX"],
        MaterialKind.Image => t["JPEG 或 PNG"],
        _ => t["PDF"],
    };
}
