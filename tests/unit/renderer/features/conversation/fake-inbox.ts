import { defineStore } from 'pinia'
import { ref } from 'vue'

// The inbox store as the conversation pane uses it (selection only): the real one also runs
// the list's read model in a worker, which these tests do not need.
export const useInboxStore = defineStore('inbox', () => {
  const selectedConversationId = ref<string | null>(null)
  function selectConversation(id: string | null): void {
    selectedConversationId.value = id
  }
  return { selectedConversationId, selectConversation }
})
