using GreenGrid.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Places;

/// <summary>
/// The places module's tables, as <c>db.X()</c> on the one <see cref="AppDb"/>: the context lives in Platform,
/// which knows no module, so each module names its own sets here. Not a contract: another module
/// that reads these tables is listed in the architecture test with its reason.
/// </summary>
public static class PlacesTables
{
    public static DbSet<Place> Places(this AppDb db) => db.Set<Place>();
    public static DbSet<Grid> Grids(this AppDb db) => db.Set<Grid>();
}
