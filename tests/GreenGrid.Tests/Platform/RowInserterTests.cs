using GreenGrid.Access;
using GreenGrid.Platform.Data;
using GreenGrid.Tests.Access;
using GreenGrid.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Tests.Platform;

/// <summary>
/// The hot-path inserter writes what SaveChanges would: every column of every row, nulls and
/// converted enums included, and each row gets the key of its own row (on PostgreSQL a group of
/// rows is one statement over arrays, so a mix-up of keys would show here).
/// </summary>
public abstract class RowInserterTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Every column varies with i, nullable ones are null on some rows, so that each row is unlike its neighbours.
    private static Scan Row(long gateId, long compoundId, long guardId, int i, DateTime at) => new()
    {
        GateId = gateId, CompoundId = compoundId, ClientScanId = $"row-{Guid.NewGuid():N}-{i}", GuardId = guardId,
        Direction = i % 2 == 0 ? Direction.Out : Direction.In,
        ScannedAt = at.AddSeconds(i), ReceivedAt = at.AddSeconds(i + 1), DecidedAt = at.AddSeconds(i + 2), Day = DateOnly.FromDateTime(at).AddDays(i % 3),
        Temperature = i % 4 == 0 ? null : 36.0m + i % 20 / 10m, Mask = (i % 3) switch { 0 => null, 1 => true, _ => false },
        PassId = null, HouseholdId = i % 5 == 0 ? null : 1000 + i, HolderKind = i % 5 == 0 ? null : (HolderKind)(i % 5),
        Decision = i % 3 == 0 ? Decision.Deny : Decision.Allow, Reason = (ScanReason)(i % 9),
        Offline = i % 2 == 1, Conflict = i % 7 == 0, ServerReason = i % 7 == 0 ? ScanReason.QuotaUsed : null, ClockSkew = i % 6 == 0,
    };

    private async Task<(AccessScenario Scenario, long GuardId)> Gate()
    {
        var s = await AccessScenario.Build(fixture.App);
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var guard = await scope.ServiceProvider.GetRequiredService<AppDb>().Users.OrderBy(u => u.Id).Select(u => u.Id).FirstAsync(Ct);
        return (s, guard);
    }

    private async Task AssertStored(IReadOnlyList<Scan> rows)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var ids = rows.Select(r => r.Id).ToArray();
        Assert.Equal(ids.Length, ids.Distinct().Count());
        var stored = await db.Scans().AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, Ct);
        foreach (var row in rows)
        {
            var back = stored[row.Id];
            Assert.Equivalent(row, back, strict: true);
        }
    }

    [Fact]
    public async Task Groups_of_rows_are_stored_column_for_column_and_each_row_gets_its_own_key()
    {
        var (s, guard) = await Gate();
        var rows = Enumerable.Range(0, 37).Select(i => Row(s.GateId, s.Chain.Compound.Id, guard, i, s.Now)).ToArray();
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            // One inserter serves one transaction after another, as in the group commit.
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            await db.Database.OpenConnectionAsync(Ct);
            using var inserter = new RowInserter(db);
            foreach (var (part, index) in rows.Chunk(15).Select((part, index) => (part, index)))
            {
                if (index == 1 && inserter.IsOneStatement(part))
                {
                    inserter.Insert(part, transaction: null); // PostgreSQL: one statement, committed on its own
                    continue;
                }
                await using var transaction = await db.Database.BeginTransactionAsync(Ct);
                inserter.Insert(part, transaction.GetDbTransaction());
                await transaction.CommitAsync(Ct);
            }
        }
        Assert.All(rows, r => Assert.True(r.Id > 0));
        await AssertStored(rows);
    }

    [Fact]
    public async Task In_a_group_commit_one_request_with_a_duplicate_key_fails_alone_and_the_others_are_committed()
    {
        var (s, guard) = await Gate();
        var commits = fixture.App.Services.GetRequiredService<GroupCommit>();
        var rows = Enumerable.Range(0, 40).Select(i => Row(s.GateId, s.Chain.Compound.Id, guard, i, s.Now)).ToArray();
        var duplicate = Row(s.GateId, s.Chain.Compound.Id, guard, 99, s.Now);
        duplicate.ClientScanId = rows[0].ClientScanId; // the unique (gate, scan id) refuses it
        await commits.Insert([rows[0]]);
        var inserts = rows.Skip(1).Select(r => Task.Run(() => commits.Insert([r]), Ct)).Append(Task.Run(() => commits.Insert([duplicate]), Ct)).ToArray();
        var failure = await Assert.ThrowsAnyAsync<DbUpdateException>(() => inserts[^1]);
        Assert.NotNull(failure.InnerException);
        await Task.WhenAll(inserts[..^1]);
        await AssertStored(rows);
        Assert.Equal(rows.Length, await s.Rows(q => q));
    }
}

public sealed class RowInserterTests_on_Sqlite(SqliteApp fixture) : RowInserterTests(fixture), IClassFixture<SqliteApp>;

public sealed class RowInserterTests_on_Postgres(PostgresApp fixture) : RowInserterTests(fixture), IClassFixture<PostgresApp>;
