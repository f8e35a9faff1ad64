namespace CompetitionHub.Web.Features.Eligibility;

public enum CreditCodeProblem { None, Missing, WrongLength, InvalidCharacter, WrongCheckCharacter }

/// <summary>
/// Where an organizer's check of an entry's credit code stands. Needed when the code fails the check character or its
/// region disagrees with a Jilin registration the applicant states; until confirmed the rule it affects is pending,
/// never passed.
/// </summary>
public enum CreditCodeVerification { NotNeeded, Pending, Confirmed, Rejected }

/// <summary>
/// 统一社会信用代码 (unified social credit code) per GB 32100-2015: 18 characters from a 31-character alphabet
/// (digits and capitals without I, O, S, V, Z); characters 3–8 are the administrative division code of the
/// registering authority (22xxxx is Jilin); the 18th is a check character computed from the first 17.
/// Two facts of real life shape how the code is used: codes issued in the early pilot regions before the national
/// standard are legal but may fail the check character, and a company keeps its code when it moves, so the region
/// digits say where it was first registered, not where it is now. Neither is refused here; see
/// <see cref="EligibilityEvaluator"/> for how such codes are verified.
/// </summary>
public static class CreditCode
{
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Trims, removes inner spaces and upper-cases what a person typed; null stays null.</summary>
    public static string? Normalize(string? input) =>
        input is null ? null : string.Concat(input.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();

    public static CreditCodeProblem Check(string? input)
    {
        var code = Normalize(input);
        if (string.IsNullOrEmpty(code)) return CreditCodeProblem.Missing;
        if (code.Length != 18) return CreditCodeProblem.WrongLength;
        if (code.Any(c => Alphabet.IndexOf(c) < 0)) return CreditCodeProblem.InvalidCharacter;
        return code[17] == CheckCharacter(code.AsSpan(0, 17)) ? CreditCodeProblem.None : CreditCodeProblem.WrongCheckCharacter;
    }

    public static bool IsValid(string? input) => Check(input) == CreditCodeProblem.None;

    /// <summary>18 characters of the alphabet: a code that may exist, whether or not its check character agrees.</summary>
    public static bool IsWellFormed(string? input) => Check(input) is CreditCodeProblem.None or CreditCodeProblem.WrongCheckCharacter;

    /// <summary>The check character GB 32100 gives a well-formed code's first 17 characters.</summary>
    public static char ExpectedCheckCharacter(string code) => CheckCharacter(Normalize(code).AsSpan(0, 17));

    /// <summary>The 18th character for the given first 17 (which must come from <see cref="Alphabet"/>).</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17) throw new ArgumentException("17 characters expected", nameof(first17));
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Alphabet.IndexOf(first17[i]);
            if (value < 0) throw new ArgumentException($"'{first17[i]}' is not a credit code character", nameof(first17));
            sum += value * Weights[i];
        }
        return Alphabet[(31 - sum % 31) % 31];
    }

    /// <summary>Characters 3–8: the administrative division code (行政区划码), e.g. 220102 for 长春市南关区.</summary>
    public static string RegionCode(string code) => Normalize(code)![2..8];

    /// <summary>
    /// Characters 3–4: the province of the authority that first registered the company. A hint only: a company that
    /// moved keeps its code, so where it is registered now is what the applicant states and the licence shows.
    /// </summary>
    public static string ProvinceOf(string code) => RegionCode(code)[..2];
}
