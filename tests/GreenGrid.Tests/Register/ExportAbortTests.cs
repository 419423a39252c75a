using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using System.Threading.Channels;
using GreenGrid.Platform.Data;
using GreenGrid.Register;
using GreenGrid.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Tests.Register;

/// <summary>
/// A client that drops a residents export after its first bytes stops it: the server does not go on
/// reading and writing the place's residents for nobody. Seen through the export's own measurement of
/// the rows it wrote (meter GreenGrid.Export), which says whether it ran to its end.
/// </summary>
public abstract class ExportAbortTests(AppFixture fixture)
{
    /// <summary>Far more than the in-memory server buffers for a client that does not read (about a megabyte of CSV).</summary>
    private const int Residents = 10_000;

    private GreenGridApp App => fixture.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_csv_export_whose_client_goes_away_after_the_first_bytes_stops_before_its_end()
    {
        var tree = new TreeBuilder(App);
        var chain = await tree.Chain();
        await AddResidents(chain.Building.Id);
        var ended = Channel.CreateUnbounded<(string Outcome, long Rows)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "GreenGrid.Export" && instrument.Name == "greengrid.export.rows")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, rows, tags, _) =>
        {
            var outcome = "";
            foreach (var tag in tags)
            {
                outcome = tag.Key == "outcome" ? (string)tag.Value! : outcome;
            }
            ended.Writer.TryWrite((outcome, rows));
        });
        listener.Start();

        using (var response = await App.Hq.GetAsync($"/api/v1/places/{chain.Community.Id}/residents.csv", HttpCompletionOption.ResponseHeadersRead, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await using var body = await response.Content.ReadAsStreamAsync(Ct);
            var first = new byte[256];
            await body.ReadExactlyAsync(first, Ct);
            Assert.StartsWith("\uFEFFid,building,room,name", Encoding.UTF8.GetString(first));
        } // the client goes away

        // Other tests' exports (a few rows each, run to their end) may be measured meanwhile; this one is the
        // export that stopped or the one that wrote all its rows. The wait is bounded only so that a hang fails.
        var (outcome, written) = await WaitForThisExport(ended.Reader).WaitAsync(TimeSpan.FromMinutes(2), Ct);
        Assert.Equal("stopped", outcome);
        Assert.True(written < Residents, $"{written} of {Residents} rows written for a client that left after 256 bytes");
    }

    /// <summary>Households of ten written straight to the database, as <see cref="TreeBuilder.AddHousehold"/> does for a few.</summary>
    private async Task AddResidents(long buildingId)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var households = Enumerable.Range(0, Residents / 10).Select(i => new Household { BuildingId = buildingId, Room = $"{i / 20 + 1}-{i % 20 + 1:D2}" }).ToList();
        db.Households().AddRange(households);
        await db.SaveChangesAsync(Ct);
        db.Residents().AddRange(households.SelectMany(h => Enumerable.Range(0, 10).Select(i => new Resident
        {
            HouseholdId = h.Id, Name = $"居民{i}", Sex = i % 2 == 0 ? Sex.Female : Sex.Male, BirthDate = new DateOnly(1950 + i * 5, 1, 1),
            IdNumber = "42010619800101234X", Phone = "13812345678", Relationship = i == 0 ? Relationship.Head : Relationship.Child, IsSynthetic = true,
        })));
        await db.SaveChangesAsync(Ct);
    }

    private static async Task<(string Outcome, long Rows)> WaitForThisExport(ChannelReader<(string Outcome, long Rows)> ended)
    {
        await foreach (var export in ended.ReadAllAsync(Ct))
        {
            if (export.Outcome == "stopped" || export.Rows == Residents)
            {
                return export;
            }
        }
        throw new InvalidOperationException("the measurements ended");
    }
}

// One collection: the measurement is process-wide, so the two providers' aborted exports must not overlap.
[Collection(nameof(ExportAbortTests))]
public sealed class ExportAbortTests_on_Sqlite(SqliteApp fixture) : ExportAbortTests(fixture), IClassFixture<SqliteApp>;

[Collection(nameof(ExportAbortTests))]
public sealed class ExportAbortTests_on_Postgres(PostgresApp fixture) : ExportAbortTests(fixture), IClassFixture<PostgresApp>;
