NL = {
    # Hostile and careless files (issue 11)
    "%(value)s is not plausible here: at most %(maximum)s.": "%(value)s is hier niet aannemelijk: hoogstens %(maximum)s.",
}
