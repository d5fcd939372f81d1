using Microsoft.Extensions.Options;

namespace SampleMind.Grains.Telemetry;

/// <summary>Checks <see cref="TelemetryOptions"/> at start.</summary>
internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var errors = new List<string>();
        if (options.OtlpEndpoint is { } endpoint
            && (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(endpoint.Query)))
        {
            // Said as the start-up line logs it: a password in the address stays out of the message and the log.
            var shown = endpoint.IsAbsoluteUri ? $"'{options.LoggableEndpoint}' (its path, query and any credentials not shown)" : "(a relative address)";
            errors.Add($"Telemetry:OtlpEndpoint {shown} must be an absolute http:// or https:// address without a query.");
        }

        if (options.OtlpProtocol is not (TelemetryOptions.Grpc or TelemetryOptions.HttpProtobuf))
        {
            errors.Add($"Telemetry:OtlpProtocol '{options.OtlpProtocol}' must be 'grpc' or 'http/protobuf'.");
        }

        if (options.ServiceName is { } service && string.IsNullOrWhiteSpace(service))
        {
            errors.Add("Telemetry:ServiceName must not be blank (leave it unset for the host's default).");
        }

        if (double.IsNaN(options.SamplingRatio) || options.SamplingRatio is < 0 or > 1)
        {
            errors.Add($"Telemetry:SamplingRatio {options.SamplingRatio} must be between 0 and 1.");
        }

        if (options.MetricExportInterval < TimeSpan.FromSeconds(1))
        {
            errors.Add($"Telemetry:MetricExportInterval {options.MetricExportInterval} must be at least 1 second.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
