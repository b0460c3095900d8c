NL = {
    # Hostile and careless files (issue 11)
    "%(value)s is not plausible here: at most %(maximum)s.": "%(value)s is hier niet aannemelijk: hoogstens %(maximum)s.",
    "The file is %(size).1f MB; at most %(limit)s MB is accepted here.": "Het bestand is %(size).1f MB; hier wordt hoogstens %(limit)s MB aangenomen.",
    "An XML file with one CAP 1.2 alert.": "Een XML-bestand met één CAP 1.2-waarschuwing.",
}
