using System.Net;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Tests.Platform;

/// <summary>
/// Audited reads hand their entries to the group commit (docs/adr/0024-audit-entries-by-group-commit.md):
/// many reads at once are answered only after their own entry is stored, each entry stored once, and a
/// read whose entry cannot be stored is not answered.
/// </summary>
public abstract class AuditGroupCommitTests(AppFixture fixture)
{
    private const int Residents = 16;

    private GreenGridApp App => fixture.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<long[]> NewResidents()
    {
        var tree = new TreeBuilder(App);
        var chain = await tree.Chain();
        var household = await tree.AddHousehold(chain.Building.Id, Residents);
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDb>().Residents().Where(r => r.HouseholdId == household.Id).Select(r => r.Id).ToArrayAsync(Ct);
    }

    private async Task<Dictionary<long, int>> ReadEntries(long[] ids)
    {
        var wanted = ids.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        await using var scope = App.Services.CreateAsyncScope();
        var entries = await scope.ServiceProvider.GetRequiredService<AppDb>().AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditAction.Read && e.Subject == "resident" && wanted.Contains(e.SubjectIds!))
            .Select(e => e.SubjectIds!).ToListAsync(Ct);
        return ids.ToDictionary(id => id, id => entries.Count(e => e == id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Many_audited_reads_at_once_are_each_answered_and_each_leave_their_entry_exactly_once()
    {
        var ids = await NewResidents();

        // Every resident read twice, all at once: 32 reads waiting for the audit log together.
        var responses = await Task.WhenAll(ids.Concat(ids).Select(id => App.Hq.GetAsync($"/api/v1/residents/{id}", Ct)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.All(await ReadEntries(ids), pair => Assert.True(pair.Value == 2, $"resident {pair.Key}: {pair.Value} read entries, 2 reads"));
    }

    [Fact]
    public async Task A_read_whose_audit_entry_cannot_be_stored_is_refused_and_the_reads_beside_it_are_answered()
    {
        var ids = await NewResidents();
        var refused = ids[3];
        await using (var scope = App.Services.CreateAsyncScope())
        {
            // The database refuses this one entry, as a full disk or a broken connection would refuse them all.
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            await db.Database.ExecuteSqlRawAsync(App.Provider == DatabaseProvider.Sqlite
                ? $"CREATE TRIGGER audit_refused_by_test BEFORE INSERT ON audit_entries WHEN NEW.SubjectIds = '{refused}' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;"
                : $"""
                   CREATE FUNCTION audit_refused_by_test() RETURNS trigger LANGUAGE plpgsql AS $$
                   BEGIN IF NEW."SubjectIds" = '{refused}' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$;
                   CREATE TRIGGER audit_refused_by_test BEFORE INSERT ON audit_entries FOR EACH ROW EXECUTE FUNCTION audit_refused_by_test();
                   """, Ct);
        }
        try
        {
            var responses = await Task.WhenAll(ids.Select(async id => (Id: id, Response: await App.Hq.GetAsync($"/api/v1/residents/{id}", Ct))));

            foreach (var (id, response) in responses)
            {
                var body = await response.Content.ReadAsStringAsync(Ct);
                if (id == refused)
                {
                    Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
                    Assert.DoesNotContain("居民", body); // nothing of the person read without its entry
                }
                else
                {
                    Assert.True(response.StatusCode == HttpStatusCode.OK, $"resident {id}: {response.StatusCode} {body}");
                }
            }
            var entries = await ReadEntries(ids);
            Assert.Equal(0, entries[refused]);
            Assert.All(entries.Where(pair => pair.Key != refused), pair => Assert.True(pair.Value == 1, $"resident {pair.Key}: {pair.Value} read entries, 1 read"));
        }
        finally
        {
            await using var scope = App.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            await db.Database.ExecuteSqlRawAsync(App.Provider == DatabaseProvider.Sqlite
                ? "DROP TRIGGER audit_refused_by_test;"
                : "DROP TRIGGER audit_refused_by_test ON audit_entries; DROP FUNCTION audit_refused_by_test();", CancellationToken.None);
        }
    }
}

public sealed class AuditGroupCommitTests_on_Sqlite(SqliteApp fixture) : AuditGroupCommitTests(fixture), IClassFixture<SqliteApp>;

public sealed class AuditGroupCommitTests_on_Postgres(PostgresApp fixture) : AuditGroupCommitTests(fixture), IClassFixture<PostgresApp>;
