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
/// <param name="RightSection">
/// For a section the host does not read but an operator may well write (<c>Audio</c>), the section meant: each key there
/// is refused naming it.
/// </param>
public sealed record KnownSettingsSection(string Name, Type? OptionsType, IReadOnlyList<string> OtherKeys, string? RightSection = null);

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
    /// Declares that section <paramref name="name"/> is not read, <paramref name="rightSection"/> is: a key there
    /// (<c>Audio:MaxDuration</c>) stops the start naming the key meant (<c>AudioAnalyzerOptions:MaxDuration</c>).
    /// </summary>
    public static IServiceCollection AddWrongSection(this IServiceCollection services, string name, string rightSection)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(new KnownSettingsSection(name, null, [], rightSection));
        services.AddOptions<KnownSettingsCheck>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KnownSettingsCheck>, KnownSettingsValidator>());
        return services;
    }

    /// <summary>
    /// The keys of <paramref name="configuration"/> under the known sections that none of them reads, each with what its
    /// section takes, e.g. "Silo:AdvertisedAddress is not a setting; Silo takes SiloId, Roles, ...", and the keys of a
    /// list given a single value, which the binder would skip. Sections not registered are not looked at.
    /// </summary>
    public static IReadOnlyList<string> UnknownKeys(IConfiguration configuration, IEnumerable<KnownSettingsSection> sections)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(sections);
        var problems = new List<string>();
        foreach (var section in sections.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var keys = section.SelectMany(Keys).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var lists = section.SelectMany(ListKeys).DistinctBy(k => k.Key, StringComparer.OrdinalIgnoreCase).ToDictionary(StringComparer.OrdinalIgnoreCase);
            var scalars = section.SelectMany(ScalarKeys).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var child in configuration.GetSection(section.Key).GetChildren())
            {
                if (section.Select(s => s.RightSection).FirstOrDefault(r => r is not null) is { } right)
                {
                    problems.Add($"{section.Key}:{child.Key} is not a setting: this section is {right} ({right}:{child.Key}).");
                }
                else if (!keys.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
                {
                    problems.Add($"{section.Key}:{child.Key} is not a setting; {section.Key} takes {string.Join(", ", keys)}.");
                }
                else if (scalars.Contains(child.Key) && child.GetChildren().FirstOrDefault() is { } under)
                {
                    problems.Add($"{child.Path} takes a single value, not keys under it ({under.Path} is not a setting).");
                }
                else if (lists.TryGetValue(child.Key, out var mapOfLists))
                {
                    var given = mapOfLists
                        ? child.GetChildren().Select(list => SingleValue(list, "0")).Prepend(SingleValue(child, "<name>__0"))
                        : [SingleValue(child, "0")];
                    problems.AddRange(given.OfType<string>());
                }
            }
        }

        return problems;
    }

    /// <summary>
    /// A single value given where a list goes (<c>Webhooks__AllowedHosts=example.com</c>): the binder skips it without a
    /// word, which left an allowlist off or roles at their default. What to set instead, or null when no value is there.
    /// </summary>
    private static string? SingleValue(IConfigurationSection list, string firstItem) =>
        string.IsNullOrEmpty(list.Value)
            ? null
            : $"{list.Path} takes a list, not the single value '{list.Value}': give each item its own index, " +
              $"{list.Path.Replace(":", "__", StringComparison.Ordinal)}__{firstItem}={list.Value} as an environment variable " +
              $"({list.Path}:{firstItem.Replace("__", ":", StringComparison.Ordinal)} elsewhere), the next __1, __2, ...";

    /// <summary>
    /// The keys of <paramref name="section"/>'s options class that take a list (true: a map of lists, one per name, as
    /// <c>Ingest:Roots:&lt;tenant&gt;</c>).
    /// </summary>
    private static IEnumerable<KeyValuePair<string, bool>> ListKeys(KnownSettingsSection section)
    {
        foreach (var property in section.OptionsType?.GetProperties(BindingFlags.Public | BindingFlags.Instance) ?? [])
        {
            var name = property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? property.Name;
            if (MapValueType(property.PropertyType) is { } value)
            {
                if (IsList(value))
                {
                    yield return new(name, true);
                }
            }
            else if (IsList(property.PropertyType))
            {
                yield return new(name, false);
            }
        }
    }

    /// <summary>
    /// The keys of <paramref name="section"/>'s options class that take a single value (a string, a number, a time span,
    /// an enum: what the binder converts from a string): a key under one (<c>Api:MaxJsonBodyBytes:x</c>) is bound to
    /// nothing, and the setting kept its default without a word.
    /// </summary>
    private static IEnumerable<string> ScalarKeys(KnownSettingsSection section) =>
        section.OptionsType?.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.SetMethod?.IsPublic == true && IsScalar(p.PropertyType))
            .Select(p => p.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? p.Name) ?? [];

    private static bool IsScalar(Type type) =>
        type == typeof(string) || (!IsList(type) && MapValueType(type) is null
                                   && System.ComponentModel.TypeDescriptor.GetConverter(type).CanConvertFrom(typeof(string)));

    private static bool IsList(Type type) =>
        type != typeof(string) && MapValueType(type) is null && (type.IsArray || Generic(type, typeof(IEnumerable<>)) is not null);

    private static Type? MapValueType(Type type) => Generic(type, typeof(IDictionary<,>))?.GetGenericArguments()[1]
        ?? Generic(type, typeof(IReadOnlyDictionary<,>))?.GetGenericArguments()[1];

    /// <summary><paramref name="type"/> itself or the interface of it that is <paramref name="definition"/>, or null.</summary>
    private static Type? Generic(Type type, Type definition) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == definition
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition);

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
