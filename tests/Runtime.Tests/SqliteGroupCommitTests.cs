using Microsoft.Data.Sqlite;
using SampleMind.Runtime.Storage;
using SampleMind.Runtime.Tests.Support;
using SampleMind.TestSupport;

namespace SampleMind.Runtime.Tests;

/// <summary>
/// The group-commit writer on a real SQLite file. A "held" writer runs a write that blocks on a gate, so
/// the writes a test submits meanwhile are all waiting when the writer takes its next turn.
/// </summary>
public sealed class SqliteGroupCommitTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly string _directory = TestSilo.NewDataDirectory();
    private readonly List<IAsyncDisposable> _disposables = [];

    private string DatabasePath => Path.Combine(_directory, "group.db");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var disposable in _disposables)
        {
            await disposable.DisposeAsync();
        }

        TestSilo.DeleteDirectory(_directory);
    }

    [Fact]
    public async Task Concurrent_grain_writes_to_different_keys_all_land_and_read_back()
    {
        var storage = Track(new SqliteGrainStorage(DatabasePath, TimeProvider.System));
        var keys = Enumerable.Range(0, 300).Select(i => "key-" + i).ToArray();

        var created = await Task.WhenAll(keys.Select(key => Task.Run(() => storage.WriteAsync("g", key, "s", Payload(key + "-1"), null, default))));
        var updated = await Task.WhenAll(keys.Select((key, i) => Task.Run(() => storage.WriteAsync("g", key, "s", Payload(key + "-2"), created[i], default))));

        for (var i = 0; i < keys.Length; i++)
        {
            var stored = await storage.ReadAsync("g", keys[i], "s", default);
            Assert.NotNull(stored);
            Assert.Equal(updated[i], stored.Etag);
            Assert.Equal(Payload(keys[i] + "-2"), stored.Payload.ToArray());
        }

        Assert.Equal(keys.Length * 2, created.Concat(updated).Distinct().Count());
    }

    [Fact]
    public async Task Writes_waiting_behind_a_running_batch_commit_together_up_to_the_batch_limit()
    {
        var writer = Track(SqliteGroupCommit.Open(ConnectionString()));
        await CreateItemsTableAsync(writer);
        var gate = await HoldAsync(writer, "gate");
        var before = writer.Writer.Batches;

        var count = SqliteGroupCommitWriter.MaxBatch + 44;
        var writes = Enumerable.Range(0, count).Select(i => InsertAsync(writer, "item-" + i)).ToArray();
        Assert.Equal(count, writer.Writer.Queued);
        gate.Release.Set();
        await gate.Write;
        await Task.WhenAll(writes);

        Assert.Equal(before + 2, writer.Writer.Batches);
        Assert.Equal(count + 1, await CountItemsAsync());
    }

    [Fact]
    public async Task An_etag_conflict_in_a_batch_faults_only_its_caller_and_the_other_writes_commit()
    {
        var storage = Track(new SqliteGrainStorage(DatabasePath, TimeProvider.System));
        var first = await storage.WriteAsync("g", "a", "s", Payload("a-1"), null, default);
        var second = await storage.WriteAsync("g", "b", "s", Payload("b-1"), null, default);
        var writer = Track(SqliteGroupCommit.Open(ConnectionString()));
        await CreateItemsTableAsync(writer);
        var gate = await HoldAsync(writer, "gate");
        var batches = writer.Writer.Batches;

        var good = storage.WriteAsync("g", "a", "s", Payload("a-2"), first, default);
        var stale = storage.WriteAsync("g", "b", "s", Payload("b-2"), "stale-etag", default);
        var created = storage.WriteAsync("g", "c", "s", Payload("c-1"), null, default);
        await Eventually.HoldsAsync(() => writer.Writer.Queued == 3, Deadline, "three grain writes queued behind the gate");
        gate.Release.Set();

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => stale);
        Assert.Equal(second, conflict.StoredEtag);
        var (goodEtag, createdEtag) = (await good, await created);
        Assert.Equal(batches + 1, writer.Writer.Batches);
        Assert.Equal((await storage.ReadAsync("g", "a", "s", default))!.Etag, goodEtag);
        Assert.Equal((await storage.ReadAsync("g", "c", "s", default))!.Etag, createdEtag);
        Assert.Equal(Payload("b-1"), (await storage.ReadAsync("g", "b", "s", default))!.Payload.ToArray());
    }

    [Fact]
    public async Task A_grain_state_read_runs_on_the_writer_in_turn_and_sees_the_write_queued_before_it()
    {
        var storage = Track(new SqliteGrainStorage(DatabasePath, TimeProvider.System));
        var first = await storage.WriteAsync("g", "a", "s", Payload("a-1"), null, default);
        var writer = Track(SqliteGroupCommit.Open(ConnectionString()));
        await CreateItemsTableAsync(writer);
        var gate = await HoldAsync(writer, "gate");
        var batches = writer.Writer.Batches;

        var update = storage.WriteAsync("g", "a", "s", Payload("a-2"), first, default);
        var read = storage.ReadAsync("g", "a", "s", default);
        var missing = storage.ReadAsync("g", "nobody", "s", default);
        await Eventually.HoldsAsync(() => writer.Writer.Queued == 3, Deadline, "a write and two reads queued behind the gate");
        Assert.False(read.IsCompleted);
        gate.Release.Set();

        var stored = await read;
        Assert.NotNull(stored);
        Assert.Equal(await update, stored.Etag);
        Assert.Equal(Payload("a-2"), stored.Payload.ToArray());
        Assert.Null(await missing);
        Assert.Equal(batches + 1, writer.Writer.Batches);
    }

    [Fact]
    public async Task A_write_that_throws_rolls_back_only_its_own_changes()
    {
        var writer = Track(SqliteGroupCommit.Open(ConnectionString()));
        await CreateItemsTableAsync(writer);
        var gate = await HoldAsync(writer, "gate");

        var before = InsertAsync(writer, "before");
        var failing = writer.WriteAsync("failing", static (scope, key) =>
        {
            Insert(scope, key);
            return key.Length > 0 ? throw new InvalidOperationException("the write's own failure") : key;
        }, default);
        var after = InsertAsync(writer, "after");
        gate.Release.Set();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal("the write's own failure", error.Message);
        await Task.WhenAll(before, after);
        Assert.Equal(["after", "before", "gate"], await ItemsAsync());
    }

    [Fact]
    public async Task A_write_cancelled_before_it_ran_is_not_applied_and_one_cancelled_while_running_is_committed()
    {
        var writer = Track(SqliteGroupCommit.Open(ConnectionString()));
        await CreateItemsTableAsync(writer);
        using var runningCancellation = new CancellationTokenSource();
        var gate = await HoldAsync(writer, "gate", runningCancellation.Token);

        using var waitingCancellation = new CancellationTokenSource();
        var dropped = InsertAsync(writer, "dropped", waitingCancellation.Token);
        var kept = InsertAsync(writer, "kept");
        await waitingCancellation.CancelAsync();
        await runningCancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dropped);
        gate.Release.Set();

        await gate.Write;
        await kept;
        Assert.Equal(["gate", "kept"], await ItemsAsync());
    }

    [Fact]
    public async Task A_failed_commit_faults_every_caller_of_its_batch_and_the_writer_goes_on()
    {
        var writer = Track(SqliteGroupCommit.Open(ConnectionString(foreignKeys: true)));
        await CreateItemsTableAsync(writer);
        await writer.WriteAsync(0, static (scope, _) => scope.Command("""
            CREATE TABLE parent (id TEXT PRIMARY KEY);
            CREATE TABLE child (id TEXT PRIMARY KEY, parent TEXT REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);
            """).ExecuteNonQuery(), default);
        var gate = await HoldAsync(writer, "gate");

        var good = InsertAsync(writer, "good");
        var orphan = writer.WriteAsync(0, static (scope, _) => scope.Command("INSERT INTO child (id, parent) VALUES ('c', 'missing')").ExecuteNonQuery(), default);
        gate.Release.Set();

        var commitError = await Assert.ThrowsAsync<SqliteException>(() => good);
        Assert.Contains("FOREIGN KEY", commitError.Message, StringComparison.Ordinal);
        Assert.Same(commitError, await Assert.ThrowsAsync<SqliteException>(() => orphan));
        Assert.Equal("gate", await gate.Write);
        Assert.Equal(["gate"], await ItemsAsync());

        await InsertAsync(writer, "later");
        Assert.Equal(["gate", "later"], await ItemsAsync());
    }

    [Fact]
    public async Task Dispose_commits_what_was_submitted_then_refuses_new_writes()
    {
        var writer = SqliteGroupCommit.Open(ConnectionString());
        await CreateItemsTableAsync(writer);
        var gate = await HoldAsync(writer, "gate");
        var writes = Enumerable.Range(0, 20).Select(i => InsertAsync(writer, "item-" + i)).ToArray();

        var disposed = writer.DisposeAsync().AsTask();
        Assert.Throws<ObjectDisposedException>(() => { _ = InsertAsync(writer, "too-late"); });
        gate.Release.Set();
        await disposed;

        Assert.All(writes, write => Assert.True(write.IsCompletedSuccessfully));
        Assert.Equal(21, await CountItemsAsync());
    }

    [Fact]
    public async Task Handles_on_one_file_share_one_writer_that_reuses_its_commands()
    {
        var first = Track(SqliteGroupCommit.Open(ConnectionString()));
        var second = Track(SqliteGroupCommit.Open(new SqliteConnectionStringBuilder { DataSource = DatabasePath, DefaultTimeout = 5 }.ToString()));
        Assert.Same(first.Writer, second.Writer);

        var once = await first.WriteAsync(0, static (scope, _) => scope.Command("SELECT 1"), default);
        var again = await second.WriteAsync(0, static (scope, _) => scope.Command("SELECT 1"), default);
        Assert.Same(once, again);

        await first.DisposeAsync();
        Assert.Equal(1L, await second.WriteAsync(0, static (scope, _) => (long)scope.Command("SELECT 1").ExecuteScalar()!, default));
    }

    private T Track<T>(T disposable)
        where T : IAsyncDisposable
    {
        _disposables.Add(disposable);
        return disposable;
    }

    private string ConnectionString(bool foreignKeys = false) =>
        new SqliteConnectionStringBuilder { DataSource = DatabasePath, ForeignKeys = foreignKeys ? true : null }.ToString();

    private static byte[] Payload(string text) => System.Text.Encoding.UTF8.GetBytes("{\"v\":\"" + text + "\"}");

    private static Task<string> InsertAsync(SqliteGroupCommit writer, string key, CancellationToken cancellationToken = default) =>
        writer.WriteAsync(key, static (scope, k) => Insert(scope, k), cancellationToken);

    private static string Insert(SqliteWriteScope scope, string key)
    {
        var command = scope.Command("INSERT INTO items (key) VALUES ($k)");
        command.Parameters.AddWithValue("$k", key);
        command.ExecuteNonQuery();
        return key;
    }

    private static Task CreateItemsTableAsync(SqliteGroupCommit writer) =>
        writer.WriteAsync(0, static (scope, _) => scope.Command("CREATE TABLE IF NOT EXISTS items (key TEXT PRIMARY KEY)").ExecuteNonQuery(), default);

    /// <summary>Submits a write that inserts <paramref name="key"/> and then blocks the writer until released.</summary>
    private static async Task<Gate> HoldAsync(SqliteGroupCommit writer, string key, CancellationToken cancellationToken = default)
    {
        var gate = new Gate(key);
        gate.Write = writer.WriteAsync(gate, static (scope, g) =>
        {
            Insert(scope, g.Key);
            g.Started.TrySetResult();
            return g.Release.Wait(Deadline) ? g.Key : throw new TimeoutException("The test never released the writer.");
        }, cancellationToken);
        await gate.Started.Task.WaitAsync(Deadline, CancellationToken.None);
        return gate;
    }

    private async Task<long> CountItemsAsync()
    {
        await using var connection = await SqliteConnections.OpenAsync(ConnectionString(), default);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM items";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<string>> ItemsAsync()
    {
        await using var connection = await SqliteConnections.OpenAsync(ConnectionString(), default);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT key FROM items ORDER BY key";
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    private sealed class Gate(string key)
    {
        public string Key { get; } = key;

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ManualResetEventSlim Release { get; } = new();

        public Task<string> Write { get; set; } = Task.FromResult("");
    }
}
