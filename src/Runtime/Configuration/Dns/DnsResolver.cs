using System.Globalization;
using System.Net.Sockets;
using DnsClient;
using DnsClient.Protocol;

namespace OpenQuizz.Typed.Configuration.Dns;

/// <summary>
/// <see cref="IDnsResolver"/> over DnsClient's <see cref="LookupClient"/>, which reads the system's name servers, retries
/// over TCP after a truncated UDP answer and moves on to the next server after a failure. This class only translates:
/// DnsClient's records into ours, and every way a lookup can fail into a <see cref="DnsException"/>.
/// </summary>
internal sealed class DnsResolver : IDnsResolver
{
    private static readonly Lazy<DnsResolver> System = new(() => new DnsResolver(new LookupClient(new LookupClientOptions
    {
        // SRV polling asks again when the records' TTL has passed; a cache would only hand back what it already saw.
        UseCache = false,

        // Errors come back as responses so that NXDOMAIN (an answer) and a failure are told apart in one place, below.
        ThrowDnsErrors = false,
        Timeout = TimeSpan.FromSeconds(5),
    })));

    private readonly Func<string, QueryType, CancellationToken, Task<IDnsQueryResponse>> _query;

    /// <summary>Resolves through <paramref name="lookup"/>.</summary>
    public DnsResolver(IDnsQuery lookup)
        : this((name, type, cancellationToken) => lookup.QueryAsync(name, type, QueryClass.IN, cancellationToken))
    {
        ArgumentNullException.ThrowIfNull(lookup);
    }

    /// <summary>Resolves through <paramref name="query"/>; tests pass recorded DnsClient responses or errors.</summary>
    public DnsResolver(Func<string, QueryType, CancellationToken, Task<IDnsQueryResponse>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        _query = query;
    }

    /// <summary>The resolver configured from the operating system (one per process).</summary>
    public static DnsResolver Default => System.Value;

    /// <inheritdoc/>
    public async Task<IReadOnlyList<DnsSrvRecord>> ResolveSrvAsync(string name, CancellationToken cancellationToken)
    {
        var response = await QueryAsync(name, QueryType.SRV, cancellationToken).ConfigureAwait(false);
        var records = new List<DnsSrvRecord>();
        foreach (var record in response.Answers.SrvRecords())
        {
            // Our contract: lower case and no trailing dot, so targets compare with the host names of the connection string.
            var target = record.Target.Value.TrimEnd('.').ToLowerInvariant();
            records.Add(new DnsSrvRecord(record.Priority, record.Weight, record.Port, target, TimeSpan.FromSeconds(record.InitialTimeToLive)));
        }

        return records;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<DnsTxtRecord>> ResolveTxtAsync(string name, CancellationToken cancellationToken)
    {
        var response = await QueryAsync(name, QueryType.TXT, cancellationToken).ConfigureAwait(false);
        var records = new List<DnsTxtRecord>();
        foreach (var record in response.Answers.TxtRecords())
        {
            // Text holds the decoded character strings in wire order; seedlist discovery joins them (DnsTxtRecord.Text).
            records.Add(new DnsTxtRecord([.. record.Text], TimeSpan.FromSeconds(record.InitialTimeToLive)));
        }

        return records;
    }

    private async Task<IDnsQueryResponse> QueryAsync(string name, QueryType type, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        IDnsQueryResponse response;
        try
        {
            response = await _query(name, type, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (cancellationToken.IsCancellationRequested && error is not OperationCanceledException)
        {
            // DnsClient reports the caller's cancellation as a timeout; the caller asked to stop, so say so.
            throw new OperationCanceledException($"The {type} query for '{name}' was canceled.", error, cancellationToken);
        }
        catch (DnsResponseException error) when (error.Code == DnsClient.DnsResponseCode.ConnectionTimeout)
        {
            throw new DnsException($"No name server answered the {type} query for '{name}' in time: {error.Message}", innerException: error);
        }
        catch (DnsResponseException error)
        {
            throw Failed(name, type, error.Code, error.DnsError, error);
        }
        catch (TimeoutException error)
        {
            throw new DnsException($"No name server answered the {type} query for '{name}' in time.", innerException: error);
        }
        catch (SocketException error)
        {
            throw new DnsException($"The {type} query for '{name}' could not reach a name server: {error.Message}", innerException: error);
        }
        catch (ArgumentException error)
        {
            // DnsClient refuses some names no server could answer (a label over 63 bytes) before any I/O.
            throw new DnsException($"'{name}' is not a valid DNS name: {error.Message}", innerException: error);
        }

        if (response.HasError)
        {
            throw Failed(name, type, (DnsClient.DnsResponseCode)response.Header.ResponseCode, response.ErrorMessage, innerException: null);
        }

        return response;
    }

    private static DnsException Failed(string name, QueryType type, DnsClient.DnsResponseCode code, string? detail, Exception? innerException)
    {
        // Our codes are RFC 1035's, the same numbers as DnsClient's; its own codes above those (timeouts, I/O) have no counterpart.
        DnsResponseCode? ours = (int)code <= (int)DnsResponseCode.Refused ? (DnsResponseCode)(int)code : null;
        var message = ours == DnsResponseCode.NameError
            ? $"The DNS name '{name}' does not exist (NXDOMAIN)."
            : string.Create(CultureInfo.InvariantCulture, $"The {type} query for '{name}' failed on every name server: {Describe(code)}{(string.IsNullOrEmpty(detail) ? "" : $" ({detail})")}.");
        return new DnsException(message, ours, innerException);
    }

    private static string Describe(DnsClient.DnsResponseCode code) => code switch
    {
        DnsClient.DnsResponseCode.FormatError => "FORMERR (the server could not read the query)",
        DnsClient.DnsResponseCode.ServerFailure => "SERVFAIL (the server could not resolve the name)",
        DnsClient.DnsResponseCode.NotImplemented => "NOTIMP",
        DnsClient.DnsResponseCode.Refused => "REFUSED",
        _ => string.Create(CultureInfo.InvariantCulture, $"response code {(int)code}"),
    };
}
