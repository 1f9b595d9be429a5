"""GET /ovirt-engine/services/pki-resource?resource=R&format=F (ovirt-facts.md §4.1; engine
`services/PKIResourceServlet.java`), on HTTP and HTTPS: fetching the CA over plain HTTP is the documented
trust-on-first-use way.

resource: ca-certificate (the lab engine's CA, /etc/pki/ovirt-engine/ca.pem), engine-certificate (the lab serves
its HTTPS certificate; a real engine has a separate engine.cer), qemu-ca-certificate (the lab has one CA).
format: X509-PEM-CA, X509-PEM. OPENSSH-PUBKEY is not served by the lab (400).
"""
import api_context
from api_http import query1
from http_router import Response

CONTENT_TYPES = {'X509-PEM-CA': 'application/x-x509-ca-cert', 'X509-PEM': 'application/x-x509-cert'}


def register(router, runtime):
    def pki(request):
        ctx = api_context.get(runtime)
        resource = query1(request, 'resource')
        fmt = query1(request, 'format')
        files = {'ca-certificate': ctx.ca_path, 'qemu-ca-certificate': ctx.ca_path,
                 'engine-certificate': ctx.engine_cert_path}
        if resource not in files or fmt not in CONTENT_TYPES:
            # UNVERIFIED: the servlet's answer to an unknown resource/format.
            return Response(400, 'Unsupported resource or format: resource=%s format=%s\n' % (resource, fmt),
                            'text/plain')
        try:
            with open(files[resource], 'rb') as f:
                pem = f.read()
        except OSError as e:
            return Response(500, 'Cannot read %s: %s\n' % (resource, e.strerror), 'text/plain')
        return Response(200, pem, CONTENT_TYPES[fmt])

    router.add('GET', r'/ovirt-engine/services/pki-resource', pki)
