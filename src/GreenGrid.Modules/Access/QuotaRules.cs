namespace GreenGrid.Access;

/// <summary>The quota rules by id. They are seeded data (<see cref="QuotaRule.Defaults"/>) that change with a migration, so the process keeps them.</summary>
public static class QuotaRules
{
    private static readonly Dictionary<int, QuotaRule> ById = QuotaRule.Defaults.ToDictionary(r => r.Id);

    public static QuotaRule? Find(int id) => ById.GetValueOrDefault(id);

    public static IReadOnlyCollection<QuotaRule> All => ById.Values;
}
