using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SampleMind.Runtime.CodeGen;

/// <summary>
/// Emits, for every grain or observer interface, a sealed typed reference, one request class per
/// method (stable method id, argument copying, dispatch to the grain method) and an invoker; for
/// every grain class, an activation factory; and a module initializer registering them and every
/// JsonSerializerContext of the assembly with the runtime. No reflection on the call path.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class GrainGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var interfaces = context.SyntaxProvider.CreateSyntaxProvider(
                static (node, _) => node is InterfaceDeclarationSyntax { BaseList: not null },
                static (c, ct) => ToInterface(c, ct))
            .Where(static m => m is not null)
            .Select(static (m, _) => m!);
        var classes = context.SyntaxProvider.CreateSyntaxProvider(
                static (node, _) => node is ClassDeclarationSyntax { BaseList: not null },
                static (c, ct) => ToClass(c, ct))
            .Where(static m => m is not null)
            .Select(static (m, _) => m!);
        var contexts = context.SyntaxProvider.CreateSyntaxProvider(
                static (node, _) => node is ClassDeclarationSyntax { BaseList: not null },
                static (c, ct) => ToSerializerContext(c, ct))
            .Where(static m => m is not null)
            .Select(static (m, _) => m!);

        context.RegisterSourceOutput(interfaces, static (spc, model) =>
        {
            Report(spc, model.Diagnostics);
            spc.AddSource(model.SafeName + ".GrainReference.g.cs", Emitter.EmitInterface(model));
        });

        var all = interfaces.Collect()
            .Combine(classes.Collect())
            .Combine(contexts.Collect())
            .Combine(context.CompilationProvider.Select(static (c, _) => c.AssemblyName ?? "assembly"));
        context.RegisterSourceOutput(all, static (spc, input) =>
        {
            var (((interfaceModels, classModels), contextNames), assemblyName) = input;
            foreach (var model in classModels)
            {
                Report(spc, model.Diagnostics);
            }

            var registrable = classModels.Where(c => c.Diagnostics.Length == 0);
            if (interfaceModels.Length == 0 && classModels.Length == 0 && contextNames.Length == 0)
            {
                return;
            }

            spc.AddSource("GrainRegistration.g.cs",
                Emitter.EmitRegistration(assemblyName, Distinct(interfaceModels), registrable.GroupBy(c => c.FullName).Select(g => g.First()), contextNames.Distinct()));
        });
    }

    private static ImmutableArray<InterfaceModel> Distinct(ImmutableArray<InterfaceModel> models) =>
        models.GroupBy(m => m.FullName).Select(g => g.First()).ToImmutableArray();

    private static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            context.ReportDiagnostic(Diagnostic.Create(GrainDiagnostics.Find(d.Id), d.Location, d.Arguments.Cast<object>().ToArray()));
        }
    }

    private static InterfaceModel? ToInterface(GeneratorSyntaxContext context, CancellationToken cancellationToken) =>
        context.SemanticModel.GetDeclaredSymbol(context.Node, cancellationToken) is INamedTypeSymbol symbol &&
        ModelBuilder.IsGrainInterface(symbol, out var isObserver)
            ? ModelBuilder.BuildInterface(symbol, isObserver)
            : null;

    private static GrainClassModel? ToClass(GeneratorSyntaxContext context, CancellationToken cancellationToken) =>
        context.SemanticModel.GetDeclaredSymbol(context.Node, cancellationToken) is INamedTypeSymbol symbol && ModelBuilder.IsGrainClass(symbol)
            ? ModelBuilder.BuildClass(symbol)
            : null;

    private static string? ToSerializerContext(GeneratorSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.SemanticModel.GetDeclaredSymbol(context.Node, cancellationToken) is not INamedTypeSymbol { IsAbstract: false, IsGenericType: false } symbol ||
            symbol.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected)
        {
            return null;
        }

        for (var b = symbol.BaseType; b is not null; b = b.BaseType)
        {
            if (b.Name == "JsonSerializerContext" && b.ContainingNamespace?.ToDisplayString() == "System.Text.Json.Serialization")
            {
                return ModelBuilder.TypeName(symbol);
            }
        }

        return null;
    }
}
