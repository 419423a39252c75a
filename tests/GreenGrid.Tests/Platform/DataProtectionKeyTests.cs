using System.Net;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;
using GreenGrid.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Tests.Platform;

/// <summary>The Data Protection keys live in the database: what one instance issued, another on the same database accepts.</summary>
public abstract class DataProtectionKeyTests(DatabaseProvider provider)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_bearer_token_issued_by_one_instance_is_accepted_by_a_second_instance_on_the_same_database()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var first = OpsHost.Start(provider, database.ConnectionString);
        var token = await first.TokenFor(await first.CreateAccount(Role.Headquarters));
        await using (var scope = first.Services.CreateAsyncScope())
        {
            Assert.NotEmpty(await scope.ServiceProvider.GetRequiredService<AppDb>().DataProtectionKeys.ToListAsync(Ct));
        }

        // Another instance (or the same after a restart) that has never seen the token, nor the first one's memory.
        await using var second = OpsHost.Start(provider, database.ConnectionString);
        using var client = second.ClientWith(token);
        var me = await client.GetAsync("/api/v1/me", Ct);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }
}

public sealed class DataProtectionKeyTests_on_Sqlite() : DataProtectionKeyTests(DatabaseProvider.Sqlite);

public sealed class DataProtectionKeyTests_on_Postgres() : DataProtectionKeyTests(DatabaseProvider.Postgres);
