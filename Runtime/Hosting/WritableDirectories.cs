using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SampleMind.Runtime.Hosting;

/// <summary>A folder a setting names that the host writes into, resolved once its services exist.</summary>
/// <param name="Setting">The setting as the operator writes it, e.g. "Silo:SharedDirectory".</param>
/// <param name="Path">The folder the setting gives (its default when unset).</param>
public sealed record WritableDirectory(string Setting, Func<IServiceProvider, string> Path);

/// <summary>The marker options whose start validation checks every <see cref="WritableDirectory"/>.</summary>
public sealed class WritableDirectoriesCheck;

/// <summary>
/// Registers and checks <see cref="WritableDirectory"/>s: at start each is created and a probe file written into it and
/// deleted, so that a folder the host may not write (read-only, or under a file) stops the start naming its setting,
/// where it used to fail later, request by request, with a 500 or an item's reason that showed the server's path.
/// </summary>
public static class WritableDirectories
{
    /// <summary>Declares that the host writes into the folder <paramref name="setting"/> gives (<paramref name="path"/>).</summary>
    public static IServiceCollection AddWritableDirectory(this IServiceCollection services, string setting, Func<IServiceProvider, string> path)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(new WritableDirectory(setting, path));
        services.AddOptions<WritableDirectoriesCheck>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WritableDirectoriesCheck>, Validator>());
        return services;
    }

    /// <summary>
    /// Creates <paramref name="path"/> and writes and deletes a probe file in it; null when that worked, else why not, as
    /// "<paramref name="setting"/> '<paramref name="path"/>' cannot be written: ...".
    /// </summary>
    public static string? Problem(string setting, string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        try
        {
            Directory.CreateDirectory(full);
            var probe = System.IO.Path.Combine(full, $".write-probe-{Guid.NewGuid():N}");
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{setting} '{full}' cannot be written: {e.Message}";
        }
    }

    private sealed class Validator(IEnumerable<WritableDirectory> directories, IServiceProvider services) : IValidateOptions<WritableDirectoriesCheck>
    {
        public ValidateOptionsResult Validate(string? name, WritableDirectoriesCheck options)
        {
            var problems = directories.DistinctBy(d => d.Setting, StringComparer.Ordinal).Select(Check).OfType<string>().ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }

        private string? Check(WritableDirectory directory)
        {
            try
            {
                return Problem(directory.Setting, directory.Path(services));
            }
            catch (OptionsValidationException)
            {
                // The options that give the folder are invalid: their own check says why.
                return null;
            }
        }
    }
}
