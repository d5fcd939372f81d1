using SampleMind.Grains.Search;

namespace SampleMind.Grains.Tests.Search;

public sealed class IndexSavePacerTests
{
    private readonly SteppedClock _clock = new();

    [Fact]
    public void Nothing_is_due_until_the_index_changes_and_the_first_change_is_due_at_once()
    {
        var pacer = new IndexSavePacer(_clock);
        Assert.False(pacer.Pending);
        Assert.False(pacer.Due);

        pacer.Changed();

        Assert.True(pacer.Pending);
        Assert.True(pacer.Due);
    }

    [Fact]
    public void After_a_save_the_next_one_waits_nineteen_times_as_long_as_that_save_took()
    {
        var pacer = new IndexSavePacer(_clock);
        pacer.Changed();
        var saves = 0;
        pacer.Save(() =>
        {
            saves++;
            _clock.Advance(TimeSpan.FromSeconds(2)); // a million-sample index takes about this long to write
        });
        Assert.Equal(1, saves);
        Assert.False(pacer.Pending);

        pacer.Changed();
        _clock.Advance(TimeSpan.FromSeconds(37.9));
        Assert.True(pacer.Pending);
        Assert.False(pacer.Due);

        _clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(pacer.Due);
    }

    [Fact]
    public void A_quick_save_leaves_the_next_flush_free_to_save_again()
    {
        var pacer = new IndexSavePacer(_clock);
        pacer.Changed();
        pacer.Save(() => _clock.Advance(TimeSpan.FromMilliseconds(1)));

        pacer.Changed();
        _clock.Advance(TimeSpan.FromSeconds(2)); // the shard's flush period

        Assert.True(pacer.Due);
    }

    [Fact]
    public void A_save_that_throws_leaves_the_changes_pending()
    {
        var pacer = new IndexSavePacer(_clock);
        pacer.Changed();

        Assert.Throws<IOException>(() => pacer.Save(() => throw new IOException("disk full")));

        Assert.True(pacer.Pending);
        Assert.True(pacer.Due);
    }

    /// <summary>A clock whose timestamps move only when the test says (ManualTimeProvider moves the wall clock alone).</summary>
    private sealed class SteppedClock : TimeProvider
    {
        private long _ticks = 1;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
