using SampleMind.Grains.Ingest;

namespace SampleMind.Grains.Tests.Ingest;

/// <summary>
/// The rate is that of the last 10 s while the job runs: a resumed job's rate left out its pause. The pause's
/// observations of no progress stayed in the window, so the rate right after a resume was a fraction of the job's.
/// </summary>
public sealed class ProgressRateTests
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_rate_after_a_resume_leaves_out_the_pause()
    {
        var rate = new ProgressRate();
        for (var second = 0; second <= 5; second++)
        {
            rate.Observe(At(second), second * 10);
        }

        // Paused for a minute: the job's status is still read each second, and nothing moves.
        for (var second = 6; second <= 65; second++)
        {
            rate.Observe(At(second), 50);
        }

        rate.Reset();
        rate.Observe(At(66), 50);

        Assert.Equal(10, rate.Observe(At(67), 60), 9);
    }

    [Fact]
    public void The_rate_is_that_of_the_last_ten_seconds()
    {
        var rate = new ProgressRate();
        for (var second = 0; second <= 20; second++)
        {
            rate.Observe(At(second), second < 10 ? second * 100 : 900 + (second - 9) * 10);
        }

        Assert.Equal(10, rate.Observe(At(21), 1020), 9);
    }

    private static DateTimeOffset At(int second) => s_start.AddSeconds(second);
}
