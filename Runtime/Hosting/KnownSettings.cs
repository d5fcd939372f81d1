using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SampleMind.Runtime.Hosting;

/// <summary>
/// A settings section a host reads: the options class bound to it (each public property is a key) and any keys read
/// directly from the configuration. Each module registers the sections it reads (<see cref="KnownSettings.AddKnownSettings"/>);
/// at start the host refuses a key of a registered section that nothing reads, so that a misspelt or misplaced setting
/// (<c>Silo:AdvertisedAddress</c> for <c>Cluster:AdvertisedAddress</c>) stops the start instead of being ignored.
/// </summary>
/// <param name="Name">The section, e.g. "Ingest".</param>
/// <param name="OptionsType">The options class bound to it, or null when its keys are only read directly.</param>
/// <param name="OtherKeys">Keys of the section read directly rather than through <paramref name="OptionsType"/>.</param>
public sealed record KnownSettingsSection(string Name, Type? OptionsType, IReadOnlyList<string> OtherKeys);

/// <summary>The marker options whose start validation checks the configuration against the known sections.</summary>
public sealed class KnownSettingsCheck;

/// <summary>Registers and checks <see cref="KnownSettingsSection"/>s.</summary>
public static class KnownSettings
{
    /// <summary>Declares that this host reads section <paramref name="name"/>; several declarations of one section add up.</summary>
    public static IServiceCollection AddKnownSettings(this IServiceCollection services, string name, Type? optionsType, params string[] otherKeys)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(new KnownSettingsSection(name, optionsType, otherKeys));
        services.AddOptions<KnownSettingsCheck>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KnownSettingsCheck>, KnownSettingsValidator>());
        return services;
    }

    /// <summary>
    /// The keys of <paramref name="configuration"/> under the known sections that none of them reads, each with what its
    /// section takes, e.g. "Silo:AdvertisedAddress is not a setting; Silo takes SiloId, Roles, ...". Sections not
    /// registered are not looked at.
    /// </summary>
    public static IReadOnlyList<string> UnknownKeys(IConfiguration configuration, IEnumerable<KnownSettingsSection> sections)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(sections);
        var problems = new List<string>();
        foreach (var section in sections.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var keys = section.SelectMany(Keys).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            foreach (var child in configuration.GetSection(section.Key).GetChildren())
            {
                if (!keys.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
                {
                    problems.Add($"{section.Key}:{child.Key} is not a setting; {section.Key} takes {string.Join(", ", keys)}.");
                }
            }
        }

        return problems;
    }

    /// <summary>The keys <paramref name="section"/> declares: its options class's settable properties and its other keys.</summary>
    public static IEnumerable<string> Keys(KnownSettingsSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var bound = section.OptionsType?.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && Bindable(p))
            .Select(p => p.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? p.Name) ?? [];
        return bound.Concat(section.OtherKeys);
    }

    /// <summary>What the configuration binder fills: a property with a public setter, or a get-only mutable collection.</summary>
    private static bool Bindable(PropertyInfo property) =>
        property.SetMethod?.IsPublic == true ||
        (property.GetMethod?.IsPublic == true && property.PropertyType.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollection<>)));

    private sealed class KnownSettingsValidator(IEnumerable<KnownSettingsSection> sections, IServiceProvider services) : IValidateOptions<KnownSettingsCheck>
    {
        public ValidateOptionsResult Validate(string? name, KnownSettingsCheck options)
        {
            if (services.GetService<IConfiguration>() is not { } configuration)
            {
                return ValidateOptionsResult.Success;
            }

            var unknown = UnknownKeys(configuration, sections);
            return unknown.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(unknown);
        }
    }
}
