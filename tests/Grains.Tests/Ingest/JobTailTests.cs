using SampleMind.Grains.Abstractions.Ingest;

namespace SampleMind.Grains.Tests.Ingest;

public sealed class JobTailTests
{
    [Theory]
    [InlineData(1000, 984, 0, 0.0, true)] // 16 left
    [InlineData(1000, 983, 0, 0.0, false)] // 17 left, no rate yet
    [InlineData(1000, 980, 4, 0.0, true)] // failures count as done
    [InlineData(1000, 700, 0, 1500.0, true)] // 300 left at 1,500 files/s: 0.2 s
    [InlineData(1000, 600, 0, 1500.0, false)] // 400 left at 1,500 files/s: 0.27 s
    [InlineData(1000, 900, 0, 10.0, false)] // 100 left at 10 files/s
    public void A_listed_running_job_is_in_its_tail_with_16_files_or_a_quarter_second_of_work_left(
        long listed, long succeeded, long failed, double rate, bool expected)
    {
        Assert.Equal(expected, JobTail.Reached(Status(JobState.Running, listed, listingComplete: true, succeeded, failed, rate)));
    }

    [Fact]
    public void The_jobs_own_checks_look_a_second_ahead()
    {
        var status = Status(JobState.Running, 1000, listingComplete: true, 500, 0, 600);
        Assert.False(JobTail.Reached(status));
        Assert.True(JobTail.Reached(status, TimeSpan.FromSeconds(1)));
    }

    [Theory]
    [InlineData(JobState.Running, false)]
    [InlineData(JobState.Paused, true)]
    [InlineData(JobState.Completed, true)]
    public void A_job_still_listing_or_not_running_is_never_in_its_tail(JobState state, bool listingComplete)
    {
        Assert.False(JobTail.Reached(Status(state, 100, listingComplete, 99, 0, 1000)));
    }

    private static JobStatus Status(JobState state, long listed, bool listingComplete, long succeeded, long failed, double rate) =>
        new("j1", "t1", "lib", state, listed, listingComplete, succeeded, 0, failed, listed - succeeded - failed, rate, null, 0,
            DateTimeOffset.UnixEpoch, null, []);
}
