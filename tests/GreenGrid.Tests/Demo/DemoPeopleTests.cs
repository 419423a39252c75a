using GreenGrid.Demo;
using GreenGrid.Register;
using GreenGrid.Register.ReadHouseholds;

namespace GreenGrid.Tests.Demo;

/// <summary>The generated people look like Wuchang's register in 2020, and their ID numbers are well formed.</summary>
public sealed class DemoPeopleTests
{
    private static GeneratedCity City => GeneratedCity.Of(DemoSize.Small);

    private static int Age(Resident r) => HouseholdQueries.Age(r.BirthDate, DemoCityGenerator.ReferenceDate);

    [Fact]
    public void Every_ID_number_is_well_formed_and_carries_its_holders_birth_date_and_sex()
    {
        Assert.All(City.Residents, r =>
        {
            Assert.Matches("^[0-9]{17}[0-9X]$", r.IdNumber);
            Assert.Equal(ResidentIdNumber.CheckDigit(r.IdNumber.AsSpan(0, 17)), r.IdNumber[17]);
            Assert.True(ResidentIdNumber.IsWellFormed(r.IdNumber), r.IdNumber);
            Assert.Equal(r.BirthDate, ResidentIdNumber.BirthDate(r.IdNumber));
            Assert.Equal(r.Sex, ResidentIdNumber.SexOf(r.IdNumber));
            Assert.True(r.IsSynthetic);
        });
    }

    [Fact]
    public void No_two_residents_share_an_ID_number()
    {
        Assert.Equal(City.Residents.Count, City.Residents.Select(r => r.IdNumber).Distinct().Count());
    }

    [Fact]
    public void Registered_residents_are_from_Wuchang_and_floating_or_stranded_ones_from_elsewhere()
    {
        Assert.All(City.Residents, r =>
        {
            if (r.Residence == Residence.Registered)
            {
                Assert.StartsWith("420106", r.IdNumber, StringComparison.Ordinal);
            }
            else
            {
                Assert.DoesNotMatch("^4201", r.IdNumber);
            }
        });
        var floating = City.Residents.Count(r => r.Residence == Residence.Floating) / (double)City.Residents.Count;
        Assert.InRange(floating, 0.07, 0.13);
        var stranded = City.Residents.Count(r => r.Residence == Residence.Stranded);
        Assert.InRange(stranded / (double)City.Residents.Count, 0.001, 0.01);
    }

    [Fact]
    public void Household_sizes_follow_Wuhans_2020_distribution()
    {
        var sizes = City.Residents.GroupBy(r => r.HouseholdId).Select(g => g.Count()).ToList();
        Assert.Equal(City.Households.Count, sizes.Count);
        Assert.InRange(sizes.Average(), 2.55, 2.9);
        double Share(Func<int, bool> which) => sizes.Count(which) / (double)sizes.Count;
        Assert.InRange(Share(s => s == 1), 0.16, 0.24);
        Assert.InRange(Share(s => s == 2), 0.26, 0.34);
        Assert.InRange(Share(s => s == 3), 0.21, 0.29);
        Assert.InRange(Share(s => s == 4), 0.10, 0.16);
        Assert.InRange(Share(s => s >= 5), 0.09, 0.15);
    }

    [Fact]
    public void The_age_pyramid_has_about_15_percent_over_65_and_people_up_to_their_nineties()
    {
        var ages = City.Residents.Select(Age).ToList();
        double Share(Func<int, bool> which) => ages.Count(which) / (double)ages.Count;
        Assert.InRange(Share(a => a >= 65), 0.12, 0.19);
        Assert.InRange(Share(a => a < 18), 0.12, 0.25);
        Assert.InRange(Share(a => a is >= 18 and < 65), 0.55, 0.75);
        Assert.InRange(ages.Max(), 90, 100);
        Assert.Equal(0, ages.Min());
        Assert.All(City.Residents, r => Assert.True(r.BirthDate <= DemoCityGenerator.ReferenceDate));
        var men = City.Residents.Count(r => r.Sex == Sex.Male) / (double)City.Residents.Count;
        Assert.InRange(men, 0.45, 0.55);
    }

    [Fact]
    public void Every_household_has_one_head_and_its_relationships_fit_the_ages_and_sexes()
    {
        Assert.All(City.Residents.GroupBy(r => r.HouseholdId), household =>
        {
            var members = household.ToList();
            var head = Assert.Single(members, m => m.Relationship == Relationship.Head);
            var headAge = Age(head);
            Assert.True(headAge >= 18, $"head of household {household.Key} is {headAge}");
            var spouses = members.Where(m => m.Relationship == Relationship.Spouse).ToList();
            Assert.True(spouses.Count <= 1);
            Assert.All(spouses, s => Assert.NotEqual(head.Sex, s.Sex));
            Assert.All(members.Where(m => m.Relationship == Relationship.Child), c => Assert.True(headAge - Age(c) >= 15, $"child {Age(c)} of head {headAge}"));
            Assert.All(members.Where(m => m.Relationship == Relationship.Parent), p => Assert.True(Age(p) - headAge >= 15, $"parent {Age(p)} of head {headAge}"));
            var youngestChild = members.Where(m => m.Relationship == Relationship.Child).Select(Age).DefaultIfEmpty(0).Min();
            Assert.All(members.Where(m => m.Relationship == Relationship.Grandchild), g => Assert.True(Age(g) < youngestChild));
            // One residence for the whole household.
            Assert.Single(members.Select(m => m.Residence).Distinct());
        });
    }

    [Fact]
    public void Children_share_their_fathers_surname()
    {
        var checkedFamilies = 0;
        foreach (var household in City.Residents.GroupBy(r => r.HouseholdId))
        {
            var head = household.Single(m => m.Relationship == Relationship.Head);
            var spouse = household.SingleOrDefault(m => m.Relationship == Relationship.Spouse);
            var father = head.Sex == Sex.Male ? head : spouse;
            if (father is null)
            {
                continue;
            }
            // Every surname in the stock is one character.
            Assert.All(household.Where(m => m.Relationship == Relationship.Child), c => Assert.Equal(father.Name[0], c.Name[0]));
            checkedFamilies++;
        }
        Assert.True(checkedFamilies > 1000);
    }

    [Fact]
    public void Vulnerable_people_are_flagged_at_plausible_rates_and_only_where_the_flag_fits()
    {
        var residents = City.Residents;
        double Share(Vulnerability flag) => residents.Count(r => r.Vulnerabilities.HasFlag(flag)) / (double)residents.Count;

        var alone = residents.GroupBy(r => r.HouseholdId).Where(g => g.Count() == 1).Select(g => g.Single().Id).ToHashSet();
        Assert.All(residents.Where(r => r.Vulnerabilities.HasFlag(Vulnerability.ElderlyAlone)), r =>
        {
            Assert.Contains(r.Id, alone);
            Assert.True(Age(r) >= 65);
        });
        Assert.InRange(Share(Vulnerability.ElderlyAlone), 0.01, 0.04);
        Assert.All(residents.Where(r => r.Vulnerabilities.HasFlag(Vulnerability.Pregnant)), r =>
        {
            Assert.Equal(Sex.Female, r.Sex);
            Assert.InRange(Age(r), 18, 45);
        });
        Assert.InRange(Share(Vulnerability.Pregnant), 0.003, 0.02);
        Assert.InRange(Share(Vulnerability.Disabled), 0.015, 0.06);
        Assert.InRange(Share(Vulnerability.ChronicIllness), 0.05, 0.15);
        Assert.InRange(Share(Vulnerability.Hardship), 0.01, 0.04);
        // Dialysis is rare but present, and always with a chronic illness.
        var dialysis = residents.Where(r => r.Vulnerabilities.HasFlag(Vulnerability.Dialysis)).ToList();
        Assert.InRange(dialysis.Count, 10, residents.Count / 500);
        Assert.All(dialysis, r => Assert.True(r.Vulnerabilities.HasFlag(Vulnerability.ChronicIllness)));
    }

    [Fact]
    public void Only_adults_have_phone_numbers_and_they_look_like_mainland_mobile_numbers()
    {
        Assert.All(City.Residents.Where(r => r.Phone is not null), r =>
        {
            Assert.True(Age(r) >= 18);
            Assert.Matches("^1[3-9][0-9]{9}$", r.Phone!);
        });
        var adults = City.Residents.Where(r => Age(r) >= 18).ToList();
        Assert.InRange(adults.Count(r => r.Phone is not null) / (double)adults.Count, 0.85, 0.99);
    }

    [Fact]
    public void Names_are_Chinese_and_rooms_read_like_unit_floor_and_flat()
    {
        Assert.All(City.Residents, r => Assert.Matches(@"^\p{IsCJKUnifiedIdeographs}{2,3}$", r.Name));
        Assert.All(City.Households, h => Assert.Matches("^[1-9][0-9]?单元[1-9][0-9]?0[1-9]$", h.Room));
        Assert.Equal(City.Households.Count, City.Households.Select(h => (h.BuildingId, h.Room)).Distinct().Count());
    }
}
