using GreenGrid.Platform;
using GreenGrid.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Cases;

/// <summary>
/// The case events as other modules read them: a query they compose into their own (a join with
/// the register or the place tree stays one SQL statement). Read-only and untracked: events never
/// change, and only the cases module records them (<see cref="RecordEvents.CaseRecorder"/>). For a
/// person's state on a day, use <see cref="CaseStatuses"/> or <see cref="CaseHistory"/> over these
/// events rather than reading their fields ad hoc. No jurisdiction is checked here.
/// </summary>
[ModuleContract]
public static class CaseEventReads
{
    /// <summary>Every event, superseded and retracted ones included (<see cref="CaseHistory.InForce"/> sorts them out).</summary>
    public static IQueryable<CaseEvent> Events(AppDb db) => db.CaseEvents().AsNoTracking();
}
