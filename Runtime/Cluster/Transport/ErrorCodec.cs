namespace SampleMind.Runtime.Cluster.Transport;

/// <summary>
/// Exceptions on the wire: type name and message; known types are recreated, others become <see cref="RemoteGrainException"/>.
/// A database failure its provider calls transient, thrown or wrapped, travels as a <see cref="StorageUnavailableException"/>.
/// </summary>
internal static class ErrorCodec
{
    public static Exception Read(string type, string message) => type switch
    {
        "SampleMind.Runtime.InconsistentStateException" => new InconsistentStateException(message),
        "SampleMind.Runtime.GrainCallTimeoutException" => new GrainCallTimeoutException(message),
        "SampleMind.Runtime.ObserverNotFoundException" => new ObserverNotFoundException(message),
        "SampleMind.Runtime.StaleActivationException" => new StaleActivationException(message),
        "SampleMind.Runtime.Cluster.StaleLeaseException" => new StaleLeaseException(message),
        "SampleMind.Runtime.Cluster.SiloUnavailableException" => new SiloUnavailableException(message),
        "SampleMind.Runtime.Cluster.StorageUnavailableException" => new StorageUnavailableException(message),
        "System.InvalidOperationException" => new InvalidOperationException(message),
        "System.ArgumentException" => new ArgumentException(message),
        "System.ArgumentOutOfRangeException" => new ArgumentOutOfRangeException(message, (Exception?)null),
        "System.ArgumentNullException" => new ArgumentNullException(message, (Exception?)null),
        "System.NotSupportedException" => new NotSupportedException(message),
        "System.TimeoutException" => new TimeoutException(message),
        "System.Collections.Generic.KeyNotFoundException" => new KeyNotFoundException(message),
        _ => new RemoteGrainException(type, message),
    };

    public static (string Type, string Message) Describe(Exception exception)
    {
        var inner = exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerException! : exception;
        if (StorageUnavailableException.TransientCause(inner) is { } database)
        {
            return (typeof(StorageUnavailableException).FullName!, database.Message);
        }

        return (inner.GetType().FullName ?? inner.GetType().Name, inner is RemoteGrainException remote && remote.RemoteType.Length > 0
            ? inner.Message[(remote.RemoteType.Length + 2)..]
            : inner.Message);
    }
}
