using GreenGrid.Demo;
using GreenGrid.Register;

namespace GreenGrid.Tests.Demo;

public sealed class ResidentIdNumberTests
{
    [Theory]
    // The examples of GB 11643-1999 itself.
    [InlineData("11010519491231002X")]
    [InlineData("440524188001010014")]
    public void The_check_character_of_the_standards_examples_is_computed(string idNumber)
    {
        Assert.Equal(idNumber[17], ResidentIdNumber.CheckDigit(idNumber.AsSpan(0, 17)));
        Assert.True(ResidentIdNumber.IsWellFormed(idNumber));
    }

    [Theory]
    [InlineData("110105194912310021", "wrong check character")]
    [InlineData("11010519491331002X", "month 13")]
    [InlineData("1101051949123100", "too short")]
    [InlineData("11010519491231A02X", "a letter inside")]
    [InlineData(null, "missing")]
    public void A_number_with_a_wrong_check_character_date_or_length_is_not_well_formed(string? idNumber, string why)
    {
        Assert.False(ResidentIdNumber.IsWellFormed(idNumber), why);
    }

    [Fact]
    public void The_sequence_digit_tells_the_sex()
    {
        Assert.Equal(Sex.Female, ResidentIdNumber.SexOf("11010519491231002X"));
        Assert.Equal(Sex.Male, ResidentIdNumber.SexOf("440524188001010014"));
    }

    [Fact]
    public void Synthetic_numbers_of_people_born_the_same_day_in_the_same_place_differ_and_keep_their_sex()
    {
        var numbers = new SyntheticIdNumbers();
        var birth = new DateOnly(1990, 5, 17);
        var issued = Enumerable.Range(0, 400).Select(i => numbers.Next("420106", birth, male: i % 2 == 0)).ToList();
        Assert.Equal(issued.Count, issued.Distinct().Count());
        Assert.All(issued, n => Assert.True(ResidentIdNumber.IsWellFormed(n)));
        Assert.Equal(200, issued.Count(n => ResidentIdNumber.SexOf(n) == Sex.Male));
    }
}
