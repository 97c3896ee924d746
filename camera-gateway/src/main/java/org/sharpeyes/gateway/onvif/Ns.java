package org.sharpeyes.gateway.onvif;

/** XML namespaces of the ONVIF and WS-* messages spoken here. */
public final class Ns {
    public static final String SOAP = "http://www.w3.org/2003/05/soap-envelope";
    public static final String DEVICE = "http://www.onvif.org/ver10/device/wsdl";
    public static final String MEDIA = "http://www.onvif.org/ver10/media/wsdl";
    public static final String MEDIA2 = "http://www.onvif.org/ver20/media/wsdl";
    public static final String IMAGING = "http://www.onvif.org/ver20/imaging/wsdl";
    public static final String PTZ = "http://www.onvif.org/ver20/ptz/wsdl";
    public static final String SCHEMA = "http://www.onvif.org/ver10/schema";
    public static final String ERROR = "http://www.onvif.org/ver10/error";
    public static final String NETWORK = "http://www.onvif.org/ver10/network/wsdl";
    public static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    public static final String WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    public static final String PASSWORD_DIGEST =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest";
    /** WS-Addressing and WS-Discovery as ONVIF uses them (the 2004/2005 member submissions). */
    public static final String WSA = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    public static final String WSD = "http://schemas.xmlsoap.org/ws/2005/04/discovery";

    private Ns() {
    }
}
