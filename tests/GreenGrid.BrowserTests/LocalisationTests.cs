using System.Collections;
using System.Globalization;
using System.Resources;
using GreenGrid.Places;
using GreenGrid.Register;
using GreenGrid.Resources;

namespace GreenGrid.BrowserTests;

/// <summary>
/// The pages show keys as they are when a text is missing ("Kind.Village"), so every key needs
/// both languages, and the Chinese satellite assembly must be deployed next to the application.
/// </summary>
public sealed class LocalisationTests
{
    private static readonly ResourceManager Texts = new(typeof(UiText).FullName!, typeof(UiText).Assembly);

    [Fact]
    public void Every_English_text_has_a_Chinese_translation_and_the_other_way_round()
    {
        var english = Keys(CultureInfo.InvariantCulture);
        var chinese = Keys(new CultureInfo("zh-CN"));

        Assert.NotEmpty(english);
        Assert.Empty(english.Except(chinese));
        Assert.Empty(chinese.Except(english));
    }

    [Fact]
    public void Chinese_texts_come_from_the_satellite_assembly()
    {
        Assert.Equal("区划树", Texts.GetString("Nav.Places", new CultureInfo("zh-CN")));
        Assert.Equal("Place tree", Texts.GetString("Nav.Places", new CultureInfo("en")));
    }

    [Fact]
    public void Every_kind_sex_relationship_residence_and_vulnerability_has_a_text()
    {
        string[] keys =
        [
            .. Enum.GetNames<PlaceKind>().SelectMany(k => new[] { $"Kind.{k}", $"Kinds.{k}" }),
            .. Enum.GetNames<Sex>().Select(s => $"Sex.{s}"),
            .. Enum.GetNames<Relationship>().Select(r => $"Relationship.{r}"),
            .. Enum.GetNames<Residence>().Select(r => $"Residence.{r}"),
            .. Enum.GetValues<Vulnerability>().Where(v => v != Vulnerability.None).Select(v => $"Vulnerability.{v}"),
        ];
        var english = Keys(CultureInfo.InvariantCulture);

        Assert.Empty(keys.Except(english));
    }

    private static HashSet<string> Keys(CultureInfo culture)
    {
        // tryParents: false, so that the Chinese set is the satellite's own and not the English fallback.
        var set = Texts.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"No resources for '{culture.Name}': is the satellite assembly deployed?");
        return set.Cast<DictionaryEntry>().Select(e => (string)e.Key).ToHashSet();
    }
}
