using Microsoft.Extensions.Options;

namespace SampleMind.Runtime.Hosting;

/// <summary>Checks <see cref="SiloOptions"/> at start.</summary>
internal sealed class SiloOptionsValidator : IValidateOptions<SiloOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.SiloId))
        {
            errors.Add("Silo:SiloId must not be empty.");
        }

        foreach (var role in options.Roles)
        {
            if (!SiloOptions.AllRoles.Contains(role))
            {
                errors.Add($"Silo:Roles has '{role}': use api, cpu or gpu.");
            }
        }

        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            errors.Add("Silo:DataDirectory must not be empty.");
        }

        if (options.Storage is not ("sqlite" or "memory" or "postgres"))
        {
            errors.Add($"Silo:Storage is '{options.Storage}': use sqlite, memory or postgres (postgres with Cluster:Mode=cluster and Cluster:Postgres).");
        }

        Positive(errors, nameof(options.CollectionAge), options.CollectionAge);
        Positive(errors, nameof(options.CollectionInterval), options.CollectionInterval);
        Positive(errors, nameof(options.ResponseTimeout), options.ResponseTimeout);
        if (options.MinimumReminderPeriod < TimeSpan.FromSeconds(1))
        {
            errors.Add($"Silo:MinimumReminderPeriod is {options.MinimumReminderPeriod}: it must be at least 1 s.");
        }

        if (options.DrainDelay < TimeSpan.Zero || options.DrainDelay > TimeSpan.FromMinutes(5))
        {
            errors.Add($"Silo:DrainDelay is {options.DrainDelay}: use 0 to 5 minutes.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Positive(List<string> errors, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"Silo:{name} is {value}: it must be positive.");
        }
    }
}
