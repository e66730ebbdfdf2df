using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FsMount.Testing;

/// <summary>A self-signed certificate for 127.0.0.1, valid for a day: trusted by no one unless a test says so.</summary>
public static class LoopbackCertificate
{
    public static X509Certificate2 Create()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    /// <summary>Writes <paramref name="certificate"/> with its key as a PKCS#12 file Kestrel can load.</summary>
    public static Task WritePfxAsync(X509Certificate2 certificate, string path, string password, CancellationToken cancellationToken) =>
        File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pfx, password), cancellationToken);
}
