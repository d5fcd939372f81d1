using SampleMind.Grains.Abstractions.Libraries;
using SampleMind.Grains.Abstractions.Samples;
using SampleMind.Grains.Catalog;
using SampleMind.TestSupport;

namespace SampleMind.Grains.Tests.Catalog;

/// <summary>
/// The <see cref="ICatalogStore"/> contract, run against every implementation: SQLite (embedded mode)
/// and PostgreSQL (cluster mode, a fresh schema of the test server).
/// </summary>
public abstract partial class CatalogStoreContractTests : IAsyncLifetime
{
    private ICatalogStore _store = null!;

    protected abstract Task<ICatalogStore> CreateStoreAsync();

    protected virtual Task CleanUpAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _store = await CreateStoreAsync();
        // Twice, and concurrently: silos starting together each ensure the schema; then once more.
        await Task.WhenAll(_store.EnsureSchemaAsync(CancellationToken.None), _store.EnsureSchemaAsync(CancellationToken.None));
        await _store.EnsureSchemaAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }

        await CleanUpAsync();
    }

    [Fact]
    public async Task The_first_claim_of_a_content_hash_wins_per_library()
    {
        Assert.Equal("s1", await _store.ClaimContentAsync("t", "lib", "hash", "s1", default));
        Assert.Equal("s1", await _store.ClaimContentAsync("t", "lib", "hash", "s2", default));
        Assert.Equal("s3", await _store.ClaimContentAsync("t", "other", "hash", "s3", default));
        Assert.Equal("s4", await _store.ClaimContentAsync("u", "lib", "hash", "s4", default));
    }

    [Fact]
    public async Task Concurrent_claims_of_one_hash_all_name_the_same_winner()
    {
        var claims = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => _store.ClaimContentAsync("t", "lib", "same", "s" + i, default))));
        Assert.Single(claims.Distinct());
        Assert.Contains(claims[0], Enumerable.Range(0, 16).Select(i => "s" + i));
    }

    [Fact]
    public async Task Upsert_replaces_a_row_and_counts_per_library_and_tenant()
    {
        await _store.UpsertAsync("t", Summary("a", bpm: 100), default);
        await _store.UpsertAsync("t", Summary("a", bpm: 120), default);
        await _store.UpsertAsync("t", Summary("b"), default);
        await _store.UpsertAsync("t", Summary("c", library: "other"), default);
        await _store.UpsertAsync("u", Summary("d"), default);

        Assert.Equal(2, await _store.CountAsync("t", "lib", default));
        Assert.Equal(1, await _store.CountAsync("t", "other", default));
        Assert.Equal(1, await _store.CountAsync("u", "lib", default));
        Assert.Equal(0, await _store.CountAsync("v", "lib", default));
        var page = await _store.QueryAsync("t", "lib", new SampleQuery(), null, default);
        Assert.Equal(["a", "b"], page.Items.Select(s => s.SampleId));
        Assert.Equal(120, page.Items[0].Bpm);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task Concurrent_claims_and_upserts_of_different_samples_all_land()
    {
        var ids = Enumerable.Range(0, 64).Select(i => "c" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)).ToArray();

        var claims = await Task.WhenAll(ids.Select(id => Task.Run(() => _store.ClaimContentAsync("t", "lib", "hash-" + id, id, default))));
        await Task.WhenAll(ids.Select(id => Task.Run(() => _store.UpsertAsync("t", Summary(id), default))));

        Assert.Equal(ids, claims);
        Assert.Equal(ids.Length, await _store.CountAsync("t", "lib", default));
        var page = await _store.QueryAsync("t", "lib", new SampleQuery(Limit: 100), null, default);
        Assert.Equal(ids, page.Items.Select(s => s.SampleId));
    }

    [Fact]
    public async Task Pages_follow_bytewise_id_order_with_a_cursor()
    {
        string[] ids = ["b", "B", "a", "_x", "a-1", "Z", "0"];
        foreach (var id in ids)
        {
            await _store.UpsertAsync("t", Summary(id), default);
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await _store.QueryAsync("t", "lib", new SampleQuery(Cursor: cursor, Limit: 3), null, default);
            Assert.True(page.Items.Count <= 3);
            seen.AddRange(page.Items.Select(s => s.SampleId));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(ids.Order(StringComparer.Ordinal), seen);
    }

    [Fact]
    public async Task Filters_select_by_key_bpm_type_duration_loudness_tags_and_defects()
    {
        await _store.UpsertAsync("t", Summary("kick", bpm: 128, key: "A minor", camelot: "8A", type: "one-shot", duration: 0.5, lufs: -8,
            tags: ["drum", "kick"], defects: ["clipping"]), default);
        await _store.UpsertAsync("t", Summary("loop", bpm: 64, key: "C major", camelot: "8B", type: "loop", duration: 8, lufs: -14,
            tags: ["drum"], defects: []), default);
        await _store.UpsertAsync("t", Summary("pad", bpm: null, key: "E minor", camelot: "9A", type: "loop", duration: 12, lufs: null,
            tags: ["pad"], defects: ["dc-offset"]), default);

        async Task<string[]> Ids(SampleQuery query, IReadOnlyCollection<string>? camelot = null) =>
            [.. (await _store.QueryAsync("t", "lib", query, camelot, default)).Items.Select(s => s.SampleId)];

        Assert.Equal(["kick"], await Ids(new SampleQuery(), ["8A"]));
        Assert.Equal(["kick", "loop"], await Ids(new SampleQuery(), ["8A", "8B"]));
        Assert.Equal(["kick"], await Ids(new SampleQuery(BpmMin: 120, BpmMax: 130)));
        Assert.Equal(["kick", "loop"], await Ids(new SampleQuery(BpmMin: 120, BpmMax: 130, HalfDouble: true)));
        Assert.Equal(["loop", "pad"], await Ids(new SampleQuery(Type: "loop")));
        Assert.Equal(["loop"], await Ids(new SampleQuery(DurationMin: 1, DurationMax: 10)));
        Assert.Equal(["loop"], await Ids(new SampleQuery(LufsMax: -10)));
        Assert.Equal(["kick", "loop"], await Ids(new SampleQuery(Tags: ["DRUM"])));
        Assert.Equal(["kick"], await Ids(new SampleQuery(Tags: ["drum", "kick"])));
        Assert.Equal(["pad"], await Ids(new SampleQuery(Defects: ["dc-offset"])));
        Assert.Equal(["loop", "pad"], await Ids(new SampleQuery(Defects: ["-clipping"])));
    }

    [Fact]
    public async Task A_tag_filter_takes_percent_and_underscore_literally()
    {
        await _store.UpsertAsync("t", Summary("a", tags: ["808_kick"]), default);
        await _store.UpsertAsync("t", Summary("b", tags: ["808-kick"]), default);
        await _store.UpsertAsync("t", Summary("c", tags: ["100%"]), default);

        async Task<string[]> Ids(params string[] tags) =>
            [.. (await _store.QueryAsync("t", "lib", new SampleQuery(Tags: tags), null, default)).Items.Select(s => s.SampleId)];

        Assert.Equal(["a"], await Ids("808_kick"));
        Assert.Equal(["c"], await Ids("100%"));
        Assert.Empty(await Ids("%"));
        Assert.Empty(await Ids("808\\_kick"));
    }

    [Fact]
    public async Task A_row_round_trips_every_field()
    {
        var summary = Summary("full", bpm: 93.5, key: "F# minor", camelot: "11A", type: "loop", duration: 3.25, lufs: -11.5,
            tags: ["bass", "808"], defects: ["silence-tail"]) with { DuplicateOf = "orig", Labels = ["vintage"] };
        await _store.UpsertAsync("t", summary, default);
        var stored = Assert.Single((await _store.QueryAsync("t", "lib", new SampleQuery(), null, default)).Items);
        Assert.Equivalent(summary, stored, strict: true);
    }

    [Fact]
    public async Task A_tenants_libraries_are_listed_with_their_counts_and_one_library_is_described()
    {
        await _store.UpsertAsync("t", Summary("kick", bpm: 128, key: "A minor", camelot: "8A", type: "one-shot", duration: 0.5, lufs: -8,
            defects: ["clipping", "dc-offset"]), default);
        await _store.UpsertAsync("t", Summary("loop", bpm: 64, key: "A minor", camelot: "8A", type: "loop", duration: 8, lufs: -14), default);
        await _store.UpsertAsync("t", Summary("copy", bpm: 64, key: "A minor", camelot: "8A", type: "loop", duration: 8, lufs: -14) with
        {
            DuplicateOf = "loop",
        }, default);
        // Written before the Camelot fix: B major carried 12B. The overview names the key's right code.
        await _store.UpsertAsync("t", Summary("bell", bpm: null, key: "B major", camelot: "12B", type: "one-shot", duration: 2, lufs: null,
            defects: ["clipping"]), default);
        await _store.UpsertAsync("t", Summary("hat", bpm: 140, type: "one-shot", duration: 0.25, lufs: -20), default);
        await _store.UpsertAsync("t", Summary("pad", library: "ambient", duration: 30), default);
        await _store.UpsertAsync("u", Summary("other", library: "zzz", duration: 1), default);

        var libraries = await _store.ListLibrariesAsync("t", default);
        Assert.Equal(["ambient", "lib"], libraries.Select(l => l.LibraryId));
        Assert.Equal([1L, 5L], libraries.Select(l => l.Samples));
        Assert.Equal(18.75, libraries[1].AudioSeconds, 9);
        Assert.Empty(await _store.ListLibrariesAsync("v", default));

        var overview = await _store.DescribeLibraryAsync("t", "lib", default);
        Assert.NotNull(overview);
        Assert.Equal(("lib", 5L, 1L, 18.75, 1L), (overview.LibraryId, overview.Samples, overview.Duplicates, overview.AudioSeconds, overview.WithoutKey));
        Assert.Equal(new ValueRange(64, 140), overview.Bpm);
        Assert.Equal(new ValueRange(-20, -8), overview.Loudness);
        Assert.Equal(new Dictionary<string, long> { ["loop"] = 2, ["one-shot"] = 3, ["unknown"] = 0 }, overview.Types);
        Assert.Equal([new KeyCount("A minor", "8A", 3), new KeyCount("B major", "1B", 1)], overview.Keys);
        Assert.Equal(2, overview.Defects["clipping"]);
        Assert.Equal(1, overview.Defects["dc-offset"]);
        Assert.Equal(SampleMind.Audio.DefectKindNames.All.Order(StringComparer.Ordinal), overview.Defects.Keys);
        Assert.Equal(0, overview.Defects["click"]);

        Assert.Null(await _store.DescribeLibraryAsync("t", "nothing", default));
        Assert.Null(await _store.DescribeLibraryAsync("u", "lib", default));
        var ambient = await _store.DescribeLibraryAsync("t", "ambient", default);
        Assert.Equal((1L, 0L), (ambient!.Samples, ambient.Duplicates));
        Assert.Empty(ambient.Keys);
    }

    private static SampleSummary Summary(
        string id, string library = "lib", double? bpm = 110, string? key = null, string? camelot = null, string type = "one-shot",
        double duration = 1, double? lufs = -12, string[]? tags = null, string[]? defects = null) =>
        new(id, library, id + ".wav", "sha-" + id, null, duration, bpm, key, camelot, type, lufs, tags ?? [], defects ?? [], [], "job-1");
}

/// <summary>The contract on the embedded SQLite catalogue.</summary>
public sealed class SqliteCatalogStoreTests : CatalogStoreContractTests
{
    private readonly string _dir = Directory.CreateTempSubdirectory("samplemind-catalog-").FullName;

    protected override Task<ICatalogStore> CreateStoreAsync() =>
        Task.FromResult<ICatalogStore>(new SqliteCatalogStore(Path.Combine(_dir, "catalog.db")));

    [Fact]
    public async Task A_connection_string_names_its_file_as_a_path_does()
    {
        // Before, "Data Source=..." was taken as a path: a file of that name in the working directory.
        var file = Path.Combine(_dir, "named.db");
        await using var store = new SqliteCatalogStore($"Data Source={file}");
        await store.EnsureSchemaAsync(default);

        Assert.True(File.Exists(file));
        Assert.Empty(Directory.GetFileSystemEntries(_dir, "Data Source*"));
    }

    [Fact]
    public async Task The_overview_and_the_library_list_read_only_the_covering_index()
    {
        foreach (var sql in new[] { CatalogOverviewSql.Totals, CatalogOverviewSql.Groups, CatalogOverviewSql.Libraries })
        {
            var plan = string.Join('\n', await QueryPlanAsync(sql));
            Assert.DoesNotContain("SCAN catalog_samples", plan, StringComparison.Ordinal);
            Assert.Contains("USING COVERING INDEX ix_catalog_samples_overview", plan, StringComparison.Ordinal);
        }

        Assert.Contains("ix_catalog_samples_copies", string.Join('\n', await QueryPlanAsync(
            "SELECT sample_id FROM catalog_samples WHERE tenant_id = @t AND library_id = @l AND duplicate_of = 'x' ORDER BY sample_id")));
    }

    private async Task<List<string>> QueryPlanAsync(string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_dir, "catalog.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        command.Parameters.AddWithValue("@t", "t");
        command.Parameters.AddWithValue("@l", "lib");
        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(3));
        }

        return plan;
    }

    protected override async Task ExecuteAsync(string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_dir, "catalog.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    protected override Task CleanUpAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>The contract on the cluster's PostgreSQL catalogue.</summary>
public sealed class PostgresCatalogStoreTests : CatalogStoreContractTests
{
    private string _connectionString = "";

    protected override async Task<ICatalogStore> CreateStoreAsync()
    {
        _connectionString = await PostgresTestSchema.CreateAsync("catalog_");
        return new PostgresCatalogStore(_connectionString);
    }

    protected override async Task ExecuteAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    protected override Task CleanUpAsync() => PostgresTestSchema.DropAsync(_connectionString);
}
