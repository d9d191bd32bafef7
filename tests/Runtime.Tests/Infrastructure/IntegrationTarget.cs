namespace OpenQuizz.Typed.Tests.Infrastructure;

/// <summary>Which MongoDB the integration tests talk to.</summary>
public enum IntegrationTargetKind
{
    /// <summary>The deployment named by <c>OPENQUIZZ_MONGODB_URI</c>.</summary>
    ExternalUri,

    /// <summary>A single-node replica set in a Docker container, started once for the test run by Testcontainers.</summary>
    Testcontainers,

    /// <summary>The in-process embedded server, a fresh one per test class.</summary>
    Embedded,
}

/// <summary>The chosen target, its connection string when it is external, and why it was chosen (shown in skip messages).</summary>
public sealed record IntegrationTarget(IntegrationTargetKind Kind, string? Uri, string Reason)
{
    /// <summary>A connection string here wins over everything else.</summary>
    public const string UriVariable = "OPENQUIZZ_MONGODB_URI";

    /// <summary><c>1</c> uses Testcontainers without probing for Docker; <c>0</c> never probes and stays embedded.</summary>
    public const string TestcontainersVariable = "OPENQUIZZ_TESTCONTAINERS";

    /// <summary>
    /// Chooses the target from the environment alone, asking <paramref name="dockerAnswers"/> only when neither variable
    /// decides: a URI, else Testcontainers when forced or when Docker answers, else the embedded server.
    /// </summary>
    public static async Task<IntegrationTarget> SelectAsync(Func<string, string?> environment, Func<Task<bool>> dockerAnswers)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(dockerAnswers);
        if (environment(UriVariable) is { Length: > 0 } uri)
        {
            return new IntegrationTarget(IntegrationTargetKind.ExternalUri, uri, $"{UriVariable} is set");
        }

        switch (environment(TestcontainersVariable)?.Trim())
        {
            case "1":
                return new IntegrationTarget(IntegrationTargetKind.Testcontainers, null, $"{TestcontainersVariable}=1");
            case "0":
                return new IntegrationTarget(IntegrationTargetKind.Embedded, null, $"{TestcontainersVariable}=0");
        }

        return await dockerAnswers().ConfigureAwait(false)
            ? new IntegrationTarget(IntegrationTargetKind.Testcontainers, null, "a Docker engine answered")
            : new IntegrationTarget(IntegrationTargetKind.Embedded, null, "no Docker engine answered");
    }
}
