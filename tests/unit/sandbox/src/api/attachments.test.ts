import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  attachmentDownloadSchema,
  attachmentMetadataSchema,
  attachmentUploadResultSchema,
  parseEnvelope,
} from '../../../../../shared/platform'
import { mapPng } from '../../../../../sandbox/seed/png'
import { createStay, startTestSandbox, type TestSandbox } from '../../harness'

let box: TestSandbox
beforeAll(async () => {
  box = await startTestSandbox()
})
afterAll(() => box.close())

const png = mapPng()
const upload = (
  ids: { propertyId: string; conversationId: string },
  attachment: Record<string, unknown>,
) =>
  box.api('POST', `/properties/${ids.propertyId}/conversations/${ids.conversationId}/attachments`, {
    body: { attachment },
  })
const photo = (bytes: Buffer, extra: Record<string, unknown> = {}) => ({
  file_name: 'map.png',
  file_type: 'image/png',
  file_size: bytes.length,
  file_content: bytes.toString('base64'),
  ...extra,
})

describe('attachments', () => {
  it('uploads an image, sends it with text, and serves it back byte for byte with its metadata', async () => {
    const ids = await createStay(box)
    const uploaded = await upload(ids, photo(png))
    const result = parseEnvelope(uploaded.body, attachmentUploadResultSchema)
    if (!result.ok) throw new Error(result.error.message)
    const id = result.data.attachment_id
    const sent = await box.api(
      'POST',
      `/properties/${ids.propertyId}/conversations/${ids.conversationId}`,
      {
        body: { message: { content: 'Here is how to find us', attachment_ids: [id] } },
      },
    )
    expect(sent.status).toBe(200)
    const base = `/properties/${ids.propertyId}/conversations/${ids.conversationId}/attachments/${id}`
    const download = parseEnvelope((await box.api('GET', base)).body, attachmentDownloadSchema)
    if (!download.ok) throw new Error(download.error.message)
    expect(Buffer.from(download.data.file_content, 'base64').equals(png)).toBe(true)
    const metadata = parseEnvelope(
      (await box.api('GET', `${base}/metadata`)).body,
      attachmentMetadataSchema,
    )
    if (!metadata.ok) throw new Error(metadata.error.message)
    expect(metadata.data).toMatchObject({
      file_name: 'map.png',
      file_type: 'image/png',
      file_size: png.length,
    })
  })

  it('refuses a message whose attachments come without text (rule 4)', async () => {
    const ids = await createStay(box)
    const id = (await upload(ids, photo(png))).body.data.attachment_id
    const sent = await box.api(
      'POST',
      `/properties/${ids.propertyId}/conversations/${ids.conversationId}`,
      {
        body: { message: { content: '', attachment_ids: [id] } },
      },
    )
    expect(sent.status).toBe(400)
    expect(sent.body.errors.map((e: { code: string }) => e.code)).toContain(
      'attachment_without_text',
    )
  })

  it('refuses what is not a JPEG or PNG by its bytes, whatever it claims to be (rule 4)', async () => {
    const ids = await createStay(box)
    const pdf = Buffer.from('%PDF-1.4 fake invoice')
    const answer = await upload(ids, photo(pdf, { file_name: 'invoice.png' }))
    expect(answer.status).toBe(400)
    expect(answer.body.errors[0].code).toBe('attachment_type_not_allowed')
  })

  it('refuses an image over 1 MB (rule 4)', async () => {
    const ids = await createStay(box)
    const big = Buffer.concat([png, Buffer.alloc(1024 * 1024)])
    const answer = await upload(ids, photo(big))
    expect(answer.status).toBe(400)
    expect(answer.body.errors[0].code).toBe('attachment_too_large')
  })

  it('refuses base64 that is not base64 and a file_size that disagrees with the bytes', async () => {
    const ids = await createStay(box)
    const bad = await upload(ids, photo(png, { file_content: 'not*base64!' }))
    expect(bad.body.errors[0].code).toBe('invalid_base64')
    const wrong = await upload(ids, photo(png, { file_size: png.length + 1 }))
    expect(wrong.status).toBe(400)
    expect(wrong.body.errors[0].code).toBe('file_size_mismatch')
  })

  it('refuses attachments in a request_to_book conversation', async () => {
    const ids = await createStay(box, { conversation_type: 'request_to_book' })
    const answer = await upload(ids, photo(png))
    expect(answer.body.errors[0].code).toBe('attachments_not_allowed')
  })

  it('answers 404 for an attachment of another conversation', async () => {
    const ids = await createStay(box)
    const other = await createStay(box, { property_id: ids.propertyId })
    const id = (await upload(ids, photo(png))).body.data.attachment_id
    const answer = await box.api(
      'GET',
      `/properties/${ids.propertyId}/conversations/${other.conversationId}/attachments/${id}`,
    )
    expect(answer.status).toBe(404)
    expect(answer.body.errors[0].code).toBe('attachment_not_found')
  })
})
