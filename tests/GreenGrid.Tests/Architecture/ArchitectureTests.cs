using GreenGrid.Platform;

namespace GreenGrid.Tests.Architecture;

/// <summary>
/// Who may use whom, read from the compiled code (docs/adr/0017-module-boundaries.md). Each test
/// fails naming every reference that breaks its rule, so a new dependency is seen the day it appears.
/// </summary>
public sealed class ArchitectureTests
{
    /// <summary>
    /// The modules each module may use, lowest first. Platform (with the UI's texts in Resources)
    /// and the shared UI kit (Components.Shared) stand under everything and know no module. A module
    /// uses another only through the types that module marks [ModuleContract].
    /// </summary>
    private static readonly Dictionary<string, string[]> MayUse = new()
    {
        ["Platform"] = [],
        ["Resources"] = [],
        ["Shared UI"] = [],
        ["Places"] = [],
        ["Accounts"] = ["Places", "Register"],
        ["Register"] = ["Places"],
        ["Cases"] = ["Places", "Register"],
        ["Certification"] = ["Places", "Register", "Cases"],
        ["Access"] = ["Places", "Register", "Cases"],
        // The demo city fills every module's tables, and the shell (layout, menu, home) links to every module's pages.
        ["Demo"] = ["Places", "Accounts", "Register", "Cases", "Certification", "Access"],
        ["Components"] = ["Places", "Accounts", "Register", "Cases", "Certification", "Access"],
    };

    /// <summary>What every module may use without a contract: the foundation.</summary>
    private static readonly string[] Foundation = ["Platform", "Resources", "Shared UI"];

    /// <summary>
    /// The cross-module uses of a type that is not its module's contract, kept on purpose for speed:
    /// each with the reason. From is a type or a whole module. Keep this list short; a new entry needs
    /// a reason a reviewer accepts.
    /// </summary>
    private static readonly (string From, string To, string Why)[] KeptForSpeed =
    [
        ("Demo", "GreenGrid.Register.Resident", "the demo city's people are generated as register rows and bulk-loaded (11 million in about two minutes), not through the register's use cases"),
        ("Demo", "GreenGrid.Register.Household", "the demo city's households, likewise"),
    ];

    private static readonly Lazy<ModuleGraph> Graph = new(() =>
        ModuleGraph.Read(typeof(ModuleContractAttribute).Assembly.Location, typeof(ModuleContractAttribute).FullName!, PartOf));

    /// <summary>The module a namespace belongs to: its second part, but the shared UI kit is its own.</summary>
    internal static string? PartOf(string ns) =>
        ns == "GreenGrid.Components.Shared" || ns.StartsWith("GreenGrid.Components.Shared.", StringComparison.Ordinal)
            ? "Shared UI"
            : ModuleGraph.ModuleOf(ns);

    [Fact]
    public void Every_module_is_placed_in_the_dependency_rules()
    {
        var unknown = Graph.Value.Modules.Keys.Where(m => !MayUse.ContainsKey(m)).ToList();
        Assert.True(unknown.Count == 0, $"A module the architecture test does not know: {string.Join(", ", unknown)}. Add it to MayUse with the modules it may use.");
    }

    [Fact]
    public void The_foundation_depends_on_no_module()
    {
        var broken = Graph.Value.Edges.Where(e => Foundation.Contains(e.FromModule) && !Foundation.Contains(e.ToModule));
        AssertNone(broken, "Platform, its texts and the shared UI kit must not know any module; offer a hook that the module fills from its AddX instead");
    }

    [Fact]
    public void A_module_uses_only_the_modules_it_may_use()
    {
        var broken = Graph.Value.Edges.Where(e => !Foundation.Contains(e.ToModule) && !MayUse[e.FromModule].Contains(e.ToModule));
        AssertNone(broken, "a module uses a module it may not (MayUse); a use upwards breaks the layering and makes a cycle");
    }

    [Fact]
    public void A_module_uses_another_only_through_its_contract()
    {
        var graph = Graph.Value;
        var broken = graph.Edges.Where(e => !Foundation.Contains(e.ToModule) && !graph.Contracts.Contains(e.To) && !IsForeignKey(e)
            && !KeptForSpeed.Any(k => Matches(k.From, e) && k.To == e.To));
        AssertNone(broken, "a module uses another module's own type; use a [ModuleContract] type, or add one to that module");
    }

    [Fact]
    public void Every_kept_read_is_still_needed()
    {
        var graph = Graph.Value;
        var stale = KeptForSpeed.Where(k => !graph.Edges.Any(e => Matches(k.From, e) && k.To == e.To)).Select(k => $"{k.From} -> {k.To}").ToList();
        Assert.True(stale.Count == 0, $"Entries of KeptForSpeed that the code no longer needs; remove them:\n{string.Join("\n", stale)}");
    }

    [Fact]
    public void The_rules_see_real_dependencies()
    {
        // The scanner itself: a known contract use must be found, or every other rule would pass on nothing.
        var graph = Graph.Value;
        Assert.Contains("GreenGrid.Cases.CaseStatuses", graph.Contracts);
        Assert.Contains(graph.Edges, e => e.FromModule == "Cases" && e.ToModule == "Register" && graph.Contracts.Contains(e.To));
        Assert.Contains(graph.Edges, e => e.FromModule == "Access" && e.To == "GreenGrid.Cases.CaseStatuses");
    }

    /// <summary>
    /// A module's EF configuration (a <c>…DbConfig</c>) may name another module's entity: a foreign key
    /// needs its type, and the database keeps a row from pointing at nothing that way.
    /// </summary>
    private static bool IsForeignKey(ModuleGraph.Edge edge) => edge.From.EndsWith("DbConfig", StringComparison.Ordinal);

    private static bool Matches(string from, ModuleGraph.Edge edge) => edge.From == from || edge.FromModule == from;

    private static void AssertNone(IEnumerable<ModuleGraph.Edge> broken, string rule)
    {
        var lines = broken.Select(e => $"  {e.From} ({e.FromModule}) -> {e.To} ({e.ToModule})").ToList();
        Assert.True(lines.Count == 0, $"{lines.Count} references break the rule: {rule}:\n{string.Join("\n", lines)}");
    }
}
