import { Combobox, Group, Loader, Text, TextInput, useCombobox } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useEffect, useState } from 'react'
import type { TagDto } from '../../../src-preload/contract'
import { call } from '../../lib/call'
import { PlusIcon, TagIcon } from '../icons/file-icons'

export interface TagChoice {
  /** Set when an existing tag was chosen; absent for a new name (to be created). */
  id?: number
  name: string
}

export interface TagInputProps {
  label: string
  placeholder?: string
  /** Tags not to suggest (the file has them already). */
  exclude?: readonly number[]
  /** Called with the chosen tag; the field empties when it resolves. */
  onSubmit: (tag: TagChoice) => unknown
  autoFocus?: boolean
  hideLabel?: boolean
}

const sameName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0

/**
 * A tag field with autocomplete: existing tags that start with what is typed (most used
 * first, from `tags:suggest`). Enter takes exactly what is typed (an existing tag of that
 * name, or a new one); arrows and the mouse pick a suggestion.
 */
export function TagInput({ label, placeholder = 'Add a tag…', exclude = [], onSubmit, autoFocus, hideLabel }: TagInputProps) {
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() })
  const [value, setValue] = useState('')
  const [typed] = useDebouncedValue(value.trim(), 120)
  const [suggestions, setSuggestions] = useState<TagDto[]>([])
  const [loading, setLoading] = useState(false)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    let current = true
    setLoading(true)
    call('tags:suggest', { prefix: typed, limit: 8 }).then(
      (result) => current && (setSuggestions(result.tags), setLoading(false)),
      () => current && (setSuggestions([]), setLoading(false)),
    )
    return () => {
      current = false
    }
  }, [typed])

  const shown = suggestions.filter((t) => !exclude.includes(t.id))
  const name = value.trim()
  const exact = suggestions.find((t) => sameName(t.name, name))

  const submit = async (choice: TagChoice) => {
    if (!choice.name || busy) return
    combobox.closeDropdown()
    setBusy(true)
    try {
      await onSubmit(choice)
      setValue('')
    } finally {
      setBusy(false)
    }
  }

  return (
    <Combobox
      store={combobox}
      withinPortal
      onOptionSubmit={(option) => {
        if (option === '$create') void submit({ name })
        else {
          const tag = suggestions.find((t) => String(t.id) === option)
          if (tag) void submit({ id: tag.id, name: tag.name })
        }
      }}
    >
      <Combobox.Target withExpandedAttribute>
        <TextInput
          label={hideLabel ? undefined : label}
          aria-label={hideLabel ? label : undefined}
          placeholder={placeholder}
          value={value}
          autoFocus={autoFocus}
          disabled={busy}
          leftSection={<TagIcon size={16} />}
          rightSection={loading || busy ? <Loader size={14} /> : null}
          onChange={(event) => {
            setValue(event.currentTarget.value)
            combobox.openDropdown()
            combobox.resetSelectedOption()
          }}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          onKeyDown={(event) => {
            if (event.key !== 'Enter' || event.nativeEvent.isComposing) return
            if (combobox.dropdownOpened && combobox.getSelectedOptionIndex() !== -1) return // the combobox picks it
            event.preventDefault()
            void submit(exact ? { id: exact.id, name: exact.name } : { name })
          }}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={shown.length === 0 && (!name || exact !== undefined)}>
        <Combobox.Options aria-label="Tag suggestions">
          {shown.map((tag) => (
            <Combobox.Option value={String(tag.id)} key={tag.id}>
              <Group justify="space-between" wrap="nowrap" gap="sm">
                <Text size="sm" truncate="end">
                  {tag.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {tag.usage.toLocaleString()}
                </Text>
              </Group>
            </Combobox.Option>
          ))}
          {name && !exact && (
            <Combobox.Option value="$create">
              <Group gap={6} wrap="nowrap">
                <PlusIcon size={14} />
                <Text size="sm" truncate="end">
                  Create “{name}”
                </Text>
              </Group>
            </Combobox.Option>
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  )
}
