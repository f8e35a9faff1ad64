using CompetitionHub.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CompetitionHub.Web.Features.Contests;

/// <summary>
/// The industry fields of every contest, for choices that span contests (a judge's expertise, an investor's interests,
/// the project browser): each Chinese name once, in the order first met, read in English from any contest that has it.
/// </summary>
public sealed record AllIndustries(IReadOnlyList<string> Fields, TranslatedNames Names)
{
    public static readonly AllIndustries None = new([], TranslatedNames.None);

    public static async Task<AllIndustries> ReadAsync(IQueryable<Contest> contests, CancellationToken ct)
    {
        var lists = await contests.AsNoTracking().OrderBy(c => c.Id)
            .Select(c => new { c.IndustryFields, c.IndustryFieldsEn }).ToListAsync(ct);
        return new([.. lists.SelectMany(l => l.IndustryFields).Where(s => !string.IsNullOrWhiteSpace(s)).Distinct()],
            TranslatedNames.Across(lists.Select(l => new TranslatedNames(l.IndustryFields, l.IndustryFieldsEn))));
    }
}
