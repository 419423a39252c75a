using GreenGrid.Access;
using GreenGrid.Access.ScanPass;

namespace GreenGrid.Tests.Access;

/// <summary>The gate's in-memory pass state across days, without a database.</summary>
public sealed class PassLedgerTests
{
    private static readonly DateOnly Day = new(2020, 3, 19);

    private static Scan Exit(DateOnly day, Decision decision = Decision.Allow) => new()
    {
        ClientScanId = Guid.NewGuid().ToString(), PassId = 7, HouseholdId = 70, Direction = Direction.Out, Decision = decision,
        Day = day, DecidedAt = day.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc),
    };

    // The lock of pass 7's household, which the ledger's methods take to show they run under it.
    private static readonly HouseholdLock Held = new ScanLocks().Acquire(7, 70, CancellationToken.None).GetAwaiter().GetResult();

    private static PassLedger Loaded(int householdExits, int passExits)
    {
        var ledger = new PassLedger(new ScanLocks(), new RegisterGeneration());
        ledger.Load(Held, 7, 70, Day, new GateScanner.StateRow(null, "居民", householdExits, passExits, Direction.In, null, false), ledger.RegisterGeneration);
        return ledger;
    }

    [Fact]
    public void The_days_exits_count_from_what_was_loaded_and_each_allowed_exit_recorded_after()
    {
        var ledger = Loaded(householdExits: 1, passExits: 1);
        ledger.Recorded(Held, Exit(Day));
        ledger.Recorded(Held, Exit(Day, Decision.Deny));
        var state = ledger.Find(Held, 7, 70, Day)!;
        Assert.Equal(2, state.HouseholdExits);
        Assert.Equal(2, state.PassExits);
        Assert.Equal(Direction.Out, state.LastDirection);
    }

    [Fact]
    public void A_new_day_starts_with_no_exits_but_keeps_the_last_passage()
    {
        var ledger = Loaded(householdExits: 1, passExits: 1);
        ledger.Recorded(Held, Exit(Day));
        var next = ledger.Find(Held, 7, 70, Day.AddDays(1))!;
        Assert.Equal(0, next.HouseholdExits);
        Assert.Equal(0, next.PassExits);
        Assert.Equal(Direction.Out, next.LastDirection);
        ledger.Recorded(Held, Exit(Day.AddDays(1)));
        Assert.Equal(1, ledger.Find(Held, 7, 70, Day.AddDays(1))!.HouseholdExits);
    }

    [Fact]
    public void An_earlier_day_a_dropped_pass_and_a_written_register_are_read_from_the_database_again()
    {
        var ledger = Loaded(householdExits: 0, passExits: 0);
        Assert.Null(ledger.Find(Held, 7, 70, Day.AddDays(-1)));
        Assert.NotNull(ledger.Find(Held, 7, 70, Day));
        ledger.Drop(Held, 7, 70);
        Assert.Null(ledger.Find(Held, 7, 70, Day));

        var stale = new PassLedger(new ScanLocks(), new RegisterGeneration());
        var generation = stale.RegisterGeneration;
        stale.Clear(); // as a resident written meanwhile would: the generation read before the load is old now
        stale.Load(Held, 7, 70, Day, new GateScanner.StateRow(null, "居民", 0, 0, null, null, false), generation);
        Assert.Null(stale.Find(Held, 7, 70, Day));
    }

    [Fact]
    public void A_household_told_of_case_records_is_known_to_have_them_even_if_it_was_loaded_without()
    {
        var ledger = Loaded(householdExits: 0, passExits: 0);
        Assert.False(ledger.Find(Held, 7, 70, Day)!.HouseholdHasCases);
        ledger.HaveCaseRecords([70]);
        Assert.True(ledger.Find(Held, 7, 70, Day)!.HouseholdHasCases);
    }
}
