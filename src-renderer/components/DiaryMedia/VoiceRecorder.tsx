import { Button, Group, Text } from '@mantine/core'
import { useEffect, useRef, useState } from 'react'
import { formatDuration } from '../../lib/format-date'

const MIME = 'audio/webm'

/** Records a voice note with the microphone (audio/webm) and hands the recording over. */
export function VoiceRecorder({ onRecorded, disabled }: { onRecorded: (blob: Blob) => void; disabled?: boolean }) {
  const [recording, setRecording] = useState(false)
  const [seconds, setSeconds] = useState(0)
  const [problem, setProblem] = useState<string | null>(null)
  const recorder = useRef<MediaRecorder | null>(null)
  const supported = typeof MediaRecorder !== 'undefined' && MediaRecorder.isTypeSupported(MIME) && !!navigator.mediaDevices?.getUserMedia

  useEffect(() => {
    if (!recording) return
    const started = Date.now()
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 500)
    return () => clearInterval(timer)
  }, [recording])
  useEffect(() => () => recorder.current?.stop(), [])

  const start = async () => {
    setProblem(null)
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true })
      const chunks: Blob[] = []
      const rec = new MediaRecorder(stream, { mimeType: MIME })
      rec.ondataavailable = (e) => e.data.size > 0 && chunks.push(e.data)
      rec.onstop = () => {
        stream.getTracks().forEach((t) => t.stop())
        setRecording(false)
        recorder.current = null
        const blob = new Blob(chunks, { type: MIME })
        if (blob.size > 0) onRecorded(blob)
      }
      rec.start(1000)
      recorder.current = rec
      setSeconds(0)
      setRecording(true)
    } catch (err) {
      setProblem(err instanceof Error && err.name === 'NotAllowedError' ? 'Trove was not allowed to use the microphone.' : 'No microphone could be used.')
    }
  }

  if (!supported) return null
  return (
    <Group gap="xs">
      {recording ? (
        <Button size="xs" color="red" onClick={() => recorder.current?.stop()} data-testid="diary-record-stop">
          Stop recording ({formatDuration(seconds)})
        </Button>
      ) : (
        <Button size="xs" variant="light" onClick={() => void start()} disabled={disabled}>
          Record a voice note
        </Button>
      )}
      {problem && (
        <Text size="xs" c="red">
          {problem}
        </Text>
      )}
    </Group>
  )
}
