using CompetitionHub.Web.Features.Eligibility;

namespace CompetitionHub.Tests.Eligibility;

public sealed class CreditCodeTests
{
    [Theory]
    [InlineData("914403001922038216")] // a real enterprise's code, published on its business licence
    [InlineData("91220101MA0Y8K3L2G")] // Changchun (220101)
    [InlineData("92220201MA17Q3C5XW")] // Jilin city (220201), an individual business (92)
    [InlineData("91110108551385082Q")] // Beijing Haidian (110108)
    public void Check_AcceptsCodes_WithTheRightCheckCharacter(string code)
    {
        Assert.Equal(CreditCodeProblem.None, CreditCode.Check(code));
    }

    [Theory]
    [InlineData("914403001922038217")]
    [InlineData("91220101MA0Y8K3L2H")]
    [InlineData("91220101MA0Y8K3L20")]
    public void Check_RefusesCodes_WhoseCheckCharacterIsWrong(string code)
    {
        Assert.Equal(CreditCodeProblem.WrongCheckCharacter, CreditCode.Check(code));
    }

    [Theory]
    [InlineData(null, CreditCodeProblem.Missing)]
    [InlineData("   ", CreditCodeProblem.Missing)]
    [InlineData("9122010112345678", CreditCodeProblem.WrongLength)]
    [InlineData("9122010112345678901", CreditCodeProblem.WrongLength)]
    [InlineData("91220101MA0Y8K3LIG", CreditCodeProblem.InvalidCharacter)] // I is not in the alphabet
    [InlineData("91220101MA0Y8K3LOG", CreditCodeProblem.InvalidCharacter)] // nor is O
    [InlineData("9122010１MA0Y8K3L2G", CreditCodeProblem.InvalidCharacter)] // a full-width digit
    public void Check_NamesTheProblem_WhenTheCodeIsMalformed(string? code, CreditCodeProblem expected)
    {
        Assert.Equal(expected, CreditCode.Check(code));
    }

    [Fact]
    public void Check_ToleratesSpacesAndLowerCase_AsPeopleTypeThem()
    {
        Assert.Equal(CreditCodeProblem.None, CreditCode.Check(" 91220101ma0y8k3l2g "));
        Assert.Equal(CreditCodeProblem.None, CreditCode.Check("9122 0101 MA0Y 8K3L 2G"));
    }

    [Fact]
    public void CheckCharacter_MatchesEveryValidCode_ForManyRandomPrefixes()
    {
        var random = new Random(2015);
        for (var i = 0; i < 2000; i++)
        {
            var prefix = new string(Enumerable.Range(0, 17).Select(_ => CreditCode.Alphabet[random.Next(31)]).ToArray());
            var check = CreditCode.CheckCharacter(prefix);
            Assert.True(CreditCode.IsValid(prefix + check));
            // Every other check character is refused: the check detects any single wrong final character.
            Assert.All(CreditCode.Alphabet.Where(c => c != check), wrong => Assert.False(CreditCode.IsValid(prefix + wrong)));
        }
    }

    [Theory]
    [InlineData("91220101MA0Y8K3L2G", "220101", "22")]
    [InlineData("92220201MA17Q3C5XW", "220201", "22")]
    [InlineData("91110108551385082Q", "110108", "11")]
    [InlineData("914403001922038216", "440300", "44")]
    public void RegionCode_ReadsTheAdministrativeDivision(string code, string region, string province)
    {
        Assert.Equal(region, CreditCode.RegionCode(code));
        Assert.Equal(province, CreditCode.ProvinceOf(code));
    }
}
