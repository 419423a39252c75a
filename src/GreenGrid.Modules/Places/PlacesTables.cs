using GreenGrid.Platform;
using GreenGrid.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Places;

/// <summary>
/// The place tree's tables, as <c>db.X()</c> on the one <see cref="AppDb"/>: the context lives in Platform,
/// which knows no module, so each module names its own sets here. Unlike the other modules' tables,
/// these are part of the contract, for reading: every module joins its rows to the tree to keep to
/// a caller's jurisdiction, in the same SQL statement. Only the Places module writes them.
/// </summary>
[ModuleContract]
public static class PlacesTables
{
    public static DbSet<Place> Places(this AppDb db) => db.Set<Place>();
    public static DbSet<Grid> Grids(this AppDb db) => db.Set<Grid>();
}
