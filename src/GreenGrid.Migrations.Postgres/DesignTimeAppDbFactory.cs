using GreenGrid.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GreenGrid.Migrations.Postgres;

/// <summary>Lets <c>dotnet ef</c> build the model for Postgres without starting the application.</summary>
internal sealed class DesignTimeAppDbFactory : IDesignTimeDbContextFactory<AppDb>
{
    public AppDb CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AppDb>();
        DatabaseSetup.Configure(options, DatabaseProvider.Postgres, "Host=127.0.0.1;Database=design_time;Username=design;Password=design");
        return new AppDb(options.Options);
    }
}
