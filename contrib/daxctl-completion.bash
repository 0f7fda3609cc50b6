# SPDX-License-Identifier: GPL-2.0-only
# bash completion for daxctl: commands (daxctl --list-cmds), the options of
# each command (daxctl CMD --list-opts), option values, and device names
# (daxctl list -i, which honours DAXCTL_SYSFS_ROOT, else /sys/bus/dax).
# Installed as <completionsdir>/daxctl.

# The daxctl being completed: the word typed, when it runs, else PATH's.
__daxctl_exe()
{
	local exe=${COMP_WORDS[0]}

	exe=${exe/#\~/$HOME}
	if [[ $exe == */* && -x $exe ]]; then
		printf '%s\n' "$exe"
	else
		printf 'daxctl\n'
	fi
}

__daxctl_devices()
{
	local exe names
	exe=$(__daxctl_exe)
	names=$("$exe" list -i -D 2>/dev/null |
		sed -n 's/.*"chardev":"\(dax[0-9]*\.[0-9]*\)".*/\1/p')
	if [[ -z $names ]]; then
		local d
		for d in /sys/bus/dax/devices/dax*; do
			[[ -e $d ]] && names+="${d##*/} "
		done
	fi
	printf '%s\n' $names
}

__daxctl_regions()
{
	local dev
	for dev in $(__daxctl_devices); do
		dev=${dev#dax}
		printf '%s\n' "${dev%%.*}"
	done | sort -un
}

# Complete the value of option $1 (long or short form); 1 if it takes none.
__daxctl_value()
{
	local cur=$2
	case $1 in
	-r | --region)
		COMPREPLY=($(compgen -W "all $(__daxctl_regions)" -- "$cur"))
		;;
	-d | --dev)
		COMPREPLY=($(compgen -W "all $(__daxctl_devices)" -- "$cur"))
		;;
	-m | --mode)
		COMPREPLY=($(compgen -W "system-ram devdax" -- "$cur"))
		;;
	-a | --align)
		COMPREPLY=($(compgen -W "4K 2M 1G" -- "$cur"))
		;;
	-s | --size | --count)
		COMPREPLY=()
		;;
	--input | -o | --output)
		COMPREPLY=($(compgen -f -- "$cur"))
		compopt -o filenames 2>/dev/null
		;;
	*)
		return 1
		;;
	esac
	return 0
}

_daxctl()
{
	local cur=${COMP_WORDS[COMP_CWORD]}
	local prev=${COMP_WORDS[COMP_CWORD - 1]}
	local exe cmd opts i
	exe=$(__daxctl_exe)
	COMPREPLY=()

	# the command: the first word after daxctl that is not an option
	for ((i = 1; i < COMP_CWORD; i++)); do
		if [[ ${COMP_WORDS[i]} != -* ]]; then
			cmd=${COMP_WORDS[i]}
			break
		fi
	done

	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "--version --help --list-cmds" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$("$exe" --list-cmds 2>/dev/null)" -- "$cur"))
		fi
		return 0
	fi

	if [[ $cmd == help ]]; then
		COMPREPLY=($(compgen -W "$("$exe" --list-cmds 2>/dev/null)" -- "$cur"))
		return 0
	fi

	# --opt=value
	if [[ $cur == --*=* ]]; then
		local opt=${cur%%=*}
		__daxctl_value "$opt" "${cur#*=}" && return 0
		return 0
	fi
	# bash splits "--opt=value" at '=' by default (COMP_WORDBREAKS)
	if [[ $cur == = ]]; then
		__daxctl_value "$prev" "" && return 0
	fi
	if [[ $prev == = && $COMP_CWORD -ge 2 ]]; then
		__daxctl_value "${COMP_WORDS[COMP_CWORD - 2]}" "$cur" && return 0
	fi
	if [[ $prev == -* ]] && __daxctl_value "$prev" "$cur"; then
		return 0
	fi

	if [[ $cur == -* ]]; then
		local o
		opts=
		for o in $("$exe" "$cmd" --list-opts 2>/dev/null); do
			[[ $o == --* ]] && opts+=" $o"
		done
		COMPREPLY=($(compgen -W "$opts --help" -- "$cur"))
		return 0
	fi

	case $cmd in
	reconfigure-device | destroy-device | online-memory | offline-memory | \
		enable-device | disable-device)
		COMPREPLY=($(compgen -W "all $(__daxctl_devices)" -- "$cur"))
		;;
	apply-layout)
		COMPREPLY=($(compgen -f -- "$cur"))
		compopt -o filenames 2>/dev/null
		;;
	esac
	return 0
}

complete -F _daxctl daxctl
