using Microsoft.AspNetCore.Components;

namespace GreenGrid.Platform.Audit.Pages;

/// <summary>
/// A control that a module shows beside an entry of the audit log (the register's "undo this
/// merge"): the platform knows no module, so a module registers it from its own AddX with
/// <see cref="AuditEntryActions.AddAuditEntryAction{TComponent}"/>, and the log renders it beside
/// every entry of <see cref="Action"/>.
/// </summary>
/// <param name="Component">The Blazor component to render.</param>
/// <param name="Parameters">The component's parameters for that entry (its subject, its detail...).</param>
public sealed record AuditEntryAction(AuditAction Action, Type Component, Func<AuditEntryView, IDictionary<string, object>> Parameters);

/// <summary>Registration and lookup of the controls beside the audit log's entries.</summary>
public static class AuditEntryActions
{
    /// <summary>Shows <typeparamref name="TComponent"/> beside every entry of <paramref name="action"/>.</summary>
    public static IServiceCollection AddAuditEntryAction<TComponent>(this IServiceCollection services, AuditAction action,
        Func<AuditEntryView, IDictionary<string, object>> parameters)
        where TComponent : IComponent =>
        services.AddSingleton(new AuditEntryAction(action, typeof(TComponent), parameters));

    /// <summary>The controls to show beside that entry, in the order they were registered.</summary>
    public static IEnumerable<AuditEntryAction> For(this IEnumerable<AuditEntryAction> actions, AuditEntryView entry) =>
        actions.Where(a => a.Action == entry.Action);
}
