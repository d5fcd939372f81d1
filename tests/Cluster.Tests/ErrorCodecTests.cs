using SampleMind.Runtime;
using SampleMind.Runtime.Cluster;
using SampleMind.Runtime.Cluster.Transport;

namespace SampleMind.Cluster.Tests;

/// <summary>
/// An exception a grain throws on one silo reaches the caller on another as its type and message, for the types callers
/// branch on: the API answers those a retry can serve with a 503, so a type lost on the wire would be a 500.
/// </summary>
public sealed class ErrorCodecTests
{
    public static TheoryData<Exception> Known() => new()
    {
        new StaleActivationException("The session is restarting from what it stored; reconnect and resend."),
        new StaleLeaseException("This silo does not hold the partition's lease."),
        new SiloUnavailableException("No silo to run it."),
        new GrainCallTimeoutException("No response within 30 s."),
        new InconsistentStateException("ETag mismatch."),
        new ArgumentException("Bad argument."),
    };

    [Theory]
    [MemberData(nameof(Known))]
    public void A_known_exception_keeps_its_type_and_message_across_silos(Exception thrown)
    {
        var (type, message) = ErrorCodec.Describe(thrown);

        var received = ErrorCodec.Read(type, message);

        Assert.IsType(thrown.GetType(), received);
        Assert.Equal(thrown.Message, received.Message);
    }

    [Fact]
    public void A_transient_database_failure_thrown_or_wrapped_arrives_as_storage_unavailable_and_a_lasting_one_does_not()
    {
        foreach (var thrown in new Exception[]
                 {
                     new TestDatabaseException("Failed to connect to 127.0.0.1:5432", transient: true),
                     new InvalidOperationException("Write failed", new TestDatabaseException("57P03: shutting down", transient: true)),
                 })
        {
            var (type, message) = ErrorCodec.Describe(thrown);

            var received = Assert.IsType<StorageUnavailableException>(ErrorCodec.Read(type, message));

            Assert.Contains(thrown is TestDatabaseException ? "Failed to connect" : "57P03", received.Message, StringComparison.Ordinal);
        }

        var (lastingType, lastingMessage) = ErrorCodec.Describe(new TestDatabaseException("23505: duplicate key", transient: false));
        Assert.IsType<RemoteGrainException>(ErrorCodec.Read(lastingType, lastingMessage));
    }

    [Fact]
    public void An_unknown_exception_arrives_as_a_remote_grain_exception_naming_its_type()
    {
        var (type, message) = ErrorCodec.Describe(new FormatException("Not a number."));

        var received = Assert.IsType<RemoteGrainException>(ErrorCodec.Read(type, message));

        Assert.Equal("System.FormatException", received.RemoteType);
        Assert.Contains("Not a number.", received.Message, StringComparison.Ordinal);
    }
}

/// <summary>A provider's exception with the transience it reports.</summary>
internal sealed class TestDatabaseException(string message, bool transient) : System.Data.Common.DbException(message)
{
    public override bool IsTransient => transient;
}
